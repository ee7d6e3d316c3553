package io.regalia.store.db;

import java.sql.Types;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * PostgreSQL text cannot hold NUL (U+0000), which a JSON string may carry as {@code \u0000}: one such value in
 * a report, a feed or a request would fail the whole statement. Every string bound to a statement, alone or
 * in an array, loses its NULs, as the rows {@link CopyRows} sends do.
 */
final class NulFreeText {
    private NulFreeText() {}

    static String strip(String text) {
        return text == null || text.indexOf(0) < 0 ? text : text.replace("\0", "");
    }

    static Jdbi install(Jdbi jdbi) {
        return jdbi.registerArgument(new AbstractArgumentFactory<String>(Types.VARCHAR) {
                    @Override
                    protected Argument build(String value, ConfigRegistry config) {
                        String text = strip(value);
                        return (position, statement, context) -> statement.setString(position, text);
                    }
                })
                .registerArrayType(String.class, "varchar", NulFreeText::strip);
    }
}
