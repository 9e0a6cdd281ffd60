package com.clicktocall.pbx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * extensions.conf as contexts of extensions, each a numbered list of priorities with their labels,
 * built from {@code exten =>} and {@code same =>} lines the way Asterisk numbers them.
 */
record DialPlan(Map<String, Map<String, List<DialPlan.Step>>> contexts) {

    private static final Pattern FIRST = Pattern.compile("^([^,]+),1,(.*)$");
    private static final Pattern NEXT = Pattern.compile("^n(\\(([A-Za-z0-9_-]+)\\))?,(.*)$");
    private static final Pattern APPLICATION = Pattern.compile("^([A-Za-z]+)\\((.*)\\)$");

    /** One priority: {@code application(data)}, with its label when it has one. */
    record Step(int priority, Optional<String> label, String application, String data) {

        @Override
        public String toString() {
            return priority + label.map(l -> "(" + l + ")").orElse("") + "," + application + "(" + data + ")";
        }
    }

    static DialPlan of(AsteriskConfigFile file) {
        Map<String, Map<String, List<Step>>> contexts = new LinkedHashMap<>();
        for (AsteriskConfigFile.Section section : file.sections()) {
            if (section.name().equals("general") || section.name().equals("globals")) {
                continue;
            }
            Map<String, List<Step>> extensions = new LinkedHashMap<>();
            List<Step> current = null;
            for (AsteriskConfigFile.Setting setting : section.settings()) {
                Matcher matcher;
                if (setting.key().equals("exten") && (matcher = FIRST.matcher(setting.value())).matches()) {
                    current = new ArrayList<>();
                    extensions.put(matcher.group(1), current);
                    current.add(step(1, Optional.empty(), matcher.group(2), setting));
                } else if (setting.key().equals("same") && current != null
                        && (matcher = NEXT.matcher(setting.value())).matches()) {
                    current.add(step(current.size() + 1, Optional.ofNullable(matcher.group(2)), matcher.group(3), setting));
                } else {
                    throw new AssertionError("line " + setting.line() + " of [" + section.name() + "] is not a dial plan step: "
                            + setting.key() + " => " + setting.value());
                }
            }
            contexts.put(section.name(), extensions);
        }
        return new DialPlan(contexts);
    }

    private static Step step(int priority, Optional<String> label, String call, AsteriskConfigFile.Setting setting) {
        Matcher application = APPLICATION.matcher(call.strip());
        if (!application.matches()) {
            throw new AssertionError("line " + setting.line() + " does not call an application: " + call);
        }
        return new Step(priority, label, application.group(1), application.group(2));
    }

    Map<String, List<Step>> context(String name) {
        Map<String, List<Step>> context = contexts.get(name);
        if (context == null) {
            throw new AssertionError("the dial plan has no context [" + name + "]; it has " + contexts.keySet());
        }
        return context;
    }

    List<Step> extension(String context, String extension) {
        List<Step> steps = context(context).get(extension);
        if (steps == null) {
            throw new AssertionError("[" + context + "] has no extension " + extension + "; it has " + context(context).keySet());
        }
        return steps;
    }

    static List<Step> calls(List<Step> steps, String application) {
        return steps.stream().filter(s -> s.application().equals(application)).toList();
    }

    static Step only(List<Step> steps, String application) {
        List<Step> calls = calls(steps, application);
        if (calls.size() != 1) {
            throw new AssertionError("expected one " + application + " in " + steps + ", found " + calls.size());
        }
        return calls.getFirst();
    }

    static Step labelled(List<Step> steps, String label) {
        return steps.stream().filter(s -> s.label().filter(label::equals).isPresent()).findFirst()
                .orElseThrow(() -> new AssertionError("no priority labelled " + label + " in " + steps));
    }
}
