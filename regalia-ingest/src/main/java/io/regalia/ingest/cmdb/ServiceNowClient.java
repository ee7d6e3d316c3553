package io.regalia.ingest.cmdb;

import io.regalia.core.model.IpAddresses;
import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.core.cmdb.BusinessApplication;
import io.regalia.core.cmdb.CmdbRelation;
import io.regalia.core.cmdb.CmdbSnapshot;
import io.regalia.core.cmdb.ConfigurationItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a ServiceNow CMDB through the Table API ({@code java.net.http}): the configuration items of the
 * configured tables, every business application, and the relations that involve an application. Rows are
 * ordered by sys_id so that offset paging neither skips nor repeats one.
 */
public final class ServiceNowClient {
    public static final String ORIGIN = "ServiceNow";
    static final String APPLICATION_TABLE = "cmdb_ci_business_app";
    static final String RELATION_TABLE = "cmdb_rel_ci";
    static final String ITEM_FIELDS = "sys_id,name,fqdn,ip_address,serial_number,os,sys_class_name";
    // busines_criticality: the stock field's own spelling
    static final String APPLICATION_FIELDS = "sys_id,name,busines_criticality,owned_by";
    static final String RELATION_FIELDS = "sys_id,parent,child,type";
    private static final String ORDER = "ORDERBYsys_id";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceNowClient.class);

    private final ServiceNowSettings settings;

    public ServiceNowClient(ServiceNowSettings settings) {
        this.settings = settings;
    }

    public ServiceNowSettings settings() {
        return settings;
    }

    /** Everything a sync needs, read completely before anything is applied. */
    public CmdbSnapshot fetch() {
        TableApi api = new TableApi(settings);
        List<ConfigurationItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String table : settings.itemTables()) {
            // a server is also a computer: a row may come from two tables
            for (JsonNode row : api.readAll(table, ITEM_FIELDS, ORDER, false)) {
                String id = Fields.reference(row, "sys_id");
                if (id == null || !seen.add(id)) continue;
                String ip = Fields.text(row, "ip_address");
                if (ip != null && !IpAddresses.isLiteral(ip)) ip = null; // free text in some instances
                items.add(new ConfigurationItem(id, Fields.text(row, "name"), Fields.text(row, "fqdn"), ip, Fields.text(row, "serial_number"), Fields.text(row, "os"),
                        Fields.text(row, "sys_class_name")));
            }
        }
        List<BusinessApplication> applications = new ArrayList<>();
        // display values: the owner's name rather than a sys_user id, the criticality's label
        for (JsonNode row : api.readAll(APPLICATION_TABLE, APPLICATION_FIELDS, ORDER, true)) {
            String id = Fields.reference(row, "sys_id");
            String name = Fields.text(row, "name");
            if (id == null) continue;
            if (name == null) {
                LOG.warn("ServiceNow {}: application {} has no name; skipped", APPLICATION_TABLE, id);
                continue;
            }
            applications.add(new BusinessApplication(id, name, Fields.text(row, "busines_criticality"), Fields.text(row, "owned_by")));
        }
        String relationQuery = "parent.sys_class_name=" + APPLICATION_TABLE + "^ORchild.sys_class_name=" + APPLICATION_TABLE + "^" + ORDER;
        List<CmdbRelation> relations = new ArrayList<>();
        for (JsonNode row : api.readAll(RELATION_TABLE, RELATION_FIELDS, relationQuery, false)) {
            String parent = Fields.reference(row, "parent");
            String child = Fields.reference(row, "child");
            if (parent != null && child != null) relations.add(new CmdbRelation(parent, child, Fields.reference(row, "type")));
        }
        return new CmdbSnapshot(ORIGIN, applications, items, relations);
    }
}
