package io.regalia.core.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CmdbSnapshotTest {
    static ConfigurationItem ci(String id) {
        return new ConfigurationItem(id, id, null, null, null, null, null);
    }

    @Test
    void shouldRelateApplicationsToItemsInEitherDirectionOnce() {
        BusinessApplication payroll = new BusinessApplication("a1", "Payroll", "1 - most critical", null);
        BusinessApplication wiki = new BusinessApplication("a2", "Wiki", null, null);
        CmdbSnapshot snapshot = new CmdbSnapshot("test", List.of(payroll, wiki, new BusinessApplication("a1", "Dup", null, null)),
                List.of(ci("s1"), ci("s2"), ci("s3")),
                List.of(new CmdbRelation("s2", "a1", "Runs on::Runs"), new CmdbRelation("a1", "s1", null),
                        new CmdbRelation("a1", "s2", null), new CmdbRelation("a1", "db-9", null), new CmdbRelation("s1", "s3", null)));

        var members = snapshot.members();

        assertThat(members).containsOnlyKeys(payroll, wiki);
        assertThat(members.get(payroll)).extracting(ConfigurationItem::sysId).containsExactly("s1", "s2");
        assertThat(members.get(wiki)).isEmpty();
    }
}
