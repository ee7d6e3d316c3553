package io.regalia.store.inventory;

import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The identities a host can be recognised by, strongest first. A report's own id for a host (the
 * inventory's externalId, a Qualys host id) is scoped by source and outranks the rest: the same source
 * naming the same id means the same asset, whatever its addresses became.
 */
enum IdentityKind {
    EXTERNAL, AGENT, INSTANCE, FQDN, NETBIOS, HOSTNAME, IP;

    /** Weak identities move to the asset that claims them last (a reassigned IP, a reused hostname). */
    boolean movable() { return this == HOSTNAME || this == IP || this == NETBIOS || this == FQDN; }

    /** Identities that name one machine only: a second value of the same kind means a second machine. */
    boolean strong() { return this == EXTERNAL || this == AGENT || this == INSTANCE; }

    record Key(IdentityKind kind, String value) {
        /** Own ids are scoped by source ({@code source:id}); other kinds have one scope. */
        boolean sameScope(Key other) {
            if (kind != EXTERNAL) return true;
            return value.substring(0, value.indexOf(':') + 1).equals(other.value.substring(0, other.value.indexOf(':') + 1));
        }
    }

    static List<Key> of(HostObservation h, String source) {
        List<Key> keys = new ArrayList<>(6);
        if (h.externalId() != null) keys.add(new Key(EXTERNAL, source.toLowerCase(Locale.ROOT) + ":" + h.externalId()));
        if (h.agentId() != null) keys.add(new Key(AGENT, h.agentId().toLowerCase(Locale.ROOT)));
        if (h.cloud() != null && h.cloud().instanceId() != null) keys.add(new Key(INSTANCE, h.cloud().instanceId()));
        if (h.fqdn() != null) keys.add(new Key(FQDN, h.fqdn().toLowerCase(Locale.ROOT)));
        if (h.netbiosName() != null) keys.add(new Key(NETBIOS, h.netbiosName().toUpperCase(Locale.ROOT)));
        if (h.hostname() != null) keys.add(new Key(HOSTNAME, h.hostname().toLowerCase(Locale.ROOT)));
        for (NetworkInterface i : h.interfaces()) {
            if (i.address() != null) keys.add(new Key(IP, i.address()));
        }
        return keys;
    }
}
