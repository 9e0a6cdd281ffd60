package com.clicktocall.localstack.apigateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API route: {@code method} ({@code ANY} matches every method) and a resource path such as
 * {@code /dial} or {@code /calls/{id}} ({@code {proxy+}} matches the rest of the path), served by
 * {@code function}; {@code authorized} routes need a valid id token.
 */
public record ApiRoute(String method, String resourcePath, String function, boolean authorized) {

    public ApiRoute {
        method = method.toUpperCase(Locale.ROOT);
    }

    /** The path parameters when the request matches this route. */
    public Optional<Map<String, String>> match(String requestMethod, String path) {
        if (!method.equals("ANY") && !method.equals(requestMethod.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return matchPath(path);
    }

    public Optional<Map<String, String>> matchPath(String path) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(resourcePath);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(resourcePath.substring(last, m.start())));
            String name = m.group(1);
            if (name.endsWith("+")) {
                names.add(name.substring(0, name.length() - 1));
                regex.append("(.+)");
            } else {
                names.add(name);
                regex.append("([^/]+)");
            }
            last = m.end();
        }
        regex.append(Pattern.quote(resourcePath.substring(last)));
        Matcher pm = Pattern.compile(regex.toString()).matcher(path);
        if (!pm.matches()) {
            return Optional.empty();
        }
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), pm.group(i + 1));
        }
        return Optional.of(params);
    }
}
