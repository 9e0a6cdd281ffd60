package com.clicktocall.templatetests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the few intrinsic functions a template value may be built from ({@code Ref},
 * {@code Fn::If}, {@code Fn::Join}, {@code Fn::Split}, {@code Fn::Sub} without a variable map), as
 * CloudFormation would for the given references and condition values; anything else is an error, so
 * a value this cannot evaluate fails the test rather than passing unchecked.
 */
record Intrinsics(Map<String, String> refs, Map<String, Boolean> conditions) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    Object evaluate(Object node) {
        if (node instanceof String || node instanceof Number || node instanceof Boolean) {
            return node;
        }
        if (node instanceof List<?> list) {
            List<Object> values = new ArrayList<>();
            list.forEach(item -> values.add(evaluate(item)));
            return values;
        }
        Map<String, Object> function = SamTemplate.map(node);
        if (function.size() != 1) {
            throw new IllegalArgumentException("not an intrinsic function: " + node);
        }
        var entry = function.entrySet().iterator().next();
        List<Object> args = SamTemplate.list(entry.getValue());
        return switch (entry.getKey()) {
            case "Ref" -> reference((String) entry.getValue());
            case "Fn::If" -> evaluate(condition((String) args.get(0)) ? args.get(1) : args.get(2));
            case "Fn::Join" -> String.join((String) args.get(0),
                    SamTemplate.list(evaluate(args.get(1))).stream().map(String::valueOf).toList());
            case "Fn::Split" -> Arrays.asList(((String) evaluate(args.get(1))).split(Pattern.quote((String) args.get(0)), -1));
            case "Fn::Sub" -> substitute((String) entry.getValue());
            default -> throw new IllegalArgumentException("cannot evaluate " + entry.getKey());
        };
    }

    private String reference(String name) {
        String value = refs.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no value given for Ref " + name);
        }
        return value;
    }

    private boolean condition(String name) {
        Boolean value = conditions.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no value given for condition " + name);
        }
        return value;
    }

    private String substitute(String text) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(out, Matcher.quoteReplacement(reference(variable.group(1))));
        }
        variable.appendTail(out);
        return out.toString();
    }
}
