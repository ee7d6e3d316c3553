package io.regalia.store.user;

import java.security.SecureRandom;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Users and their password hashes. */
public final class UserStore {
    private final Jdbi jdbi;

    public UserStore(Jdbi jdbi) { this.jdbi = jdbi; }

    public record User(String name, Role role) {}

    /** The user whose password matches, if any. Unknown users cost as much time as wrong passwords. */
    public Optional<User> authenticate(String name, char[] password) {
        Optional<String[]> row = jdbi.withHandle(h -> h.createQuery("SELECT password_hash, role FROM app_user WHERE name = :n")
                .bind("n", name).map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findOne());
        if (row.isEmpty()) {
            PasswordHash.verify(password, DUMMY);
            return Optional.empty();
        }
        return PasswordHash.verify(password, row.get()[0]) ? Optional.of(new User(name, Role.valueOf(row.get()[1]))) : Optional.empty();
    }

    public void put(String name, char[] password, Role role) {
        String hash = PasswordHash.hash(password);
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO app_user (name, password_hash, role) VALUES (:n, :h, :r)
                ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role""")
                .bind("n", name).bind("h", hash).bind("r", role.name()).execute());
    }

    public boolean any() {
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM app_user)").mapTo(Boolean.class).one());
    }

    /** A random password for a first administrator. */
    public static String generatePassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static final String DUMMY = PasswordHash.hash("not-a-password".toCharArray());
}
