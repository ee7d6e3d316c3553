package io.regalia.server;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.BasicAuthCredentials;
import io.regalia.store.user.UserStore;
import java.util.Optional;

/** HTTP Basic on every path but {@code /health}; the user is put on the request for handlers. */
final class Authentication {
    static final String USER = "regalia.user";
    private final UserStore users;

    Authentication(UserStore users) { this.users = users; }

    void require(Context ctx) {
        if (ctx.path().equals("/health")) return;
        BasicAuthCredentials credentials = ctx.basicAuthCredentials();
        Optional<UserStore.User> user = credentials == null ? Optional.empty()
                : users.authenticate(credentials.getUsername(), credentials.getPassword().toCharArray());
        if (user.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Regalia\", charset=\"UTF-8\"");
            throw new UnauthorizedResponse(credentials == null ? "authentication required" : "wrong user name or password");
        }
        ctx.attribute(USER, user.get());
    }
}
