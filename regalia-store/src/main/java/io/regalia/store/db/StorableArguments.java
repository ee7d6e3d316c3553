package io.regalia.store.db;

import io.regalia.core.model.StorableText;
import java.sql.Types;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Every string bound to a statement, alone or in an array, as PostgreSQL can store it ({@link StorableText}),
 * as the rows {@link CopyRows} sends are: one NUL or unpaired surrogate in a request or a feed would
 * otherwise fail the whole statement.
 */
final class StorableArguments {
    private StorableArguments() {}

    static Jdbi install(Jdbi jdbi) {
        return jdbi.registerArgument(new AbstractArgumentFactory<String>(Types.VARCHAR) {
                    @Override
                    protected Argument build(String value, ConfigRegistry config) {
                        String text = StorableText.of(value);
                        return (position, statement, context) -> statement.setString(position, text);
                    }
                })
                .registerArrayType(String.class, "varchar", StorableText::of);
    }
}
