package com.clicktocall.pbx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Asterisk configuration file read the way Asterisk reads it: {@code [section]} headers
 * (optionally followed by template parentheses), {@code key=value} and {@code key => value} lines,
 * and {@code ;} comments. Sections of the same name stay separate, as they are in pjsip.conf,
 * where one name carries an endpoint, an auth and an aor.
 */
record AsteriskConfigFile(Path path, List<Section> sections) {

    private static final Pattern HEADER = Pattern.compile("^\\[([^]]+)](\\([^)]*\\))?$");
    private static final Pattern SETTING = Pattern.compile("^([^=]+?)\\s*=>?\\s*(.*)$");

    record Setting(String key, String value, int line) {
    }

    record Section(String name, List<Setting> settings) {

        List<String> values(String key) {
            return settings.stream().filter(s -> s.key().equals(key)).map(Setting::value).toList();
        }

        Optional<String> value(String key) {
            List<String> values = values(key);
            if (values.size() > 1) {
                throw new AssertionError("[" + name + "] sets " + key + " " + values.size() + " times: " + values);
            }
            return values.stream().findFirst();
        }

        String required(String key) {
            return value(key).orElseThrow(() -> new AssertionError("[" + name + "] does not set " + key));
        }

        Optional<String> type() {
            return value("type");
        }
    }

    static AsteriskConfigFile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Section> sections = new ArrayList<>();
        Section current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            Matcher setting = SETTING.matcher(line);
            if (header.matches()) {
                current = new Section(header.group(1), new ArrayList<>());
                sections.add(current);
            } else if (setting.matches() && current != null) {
                current.settings().add(new Setting(setting.group(1).strip(), setting.group(2).strip(), i + 1));
            } else {
                throw new AssertionError(path.getFileName() + ":" + (i + 1) + " is neither a section nor a setting: " + line);
            }
        }
        return new AsteriskConfigFile(path, List.copyOf(sections));
    }

    /** Asterisk ends a line at an unescaped semicolon. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ';' && (i == 0 || line.charAt(i - 1) != '\\')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    List<Section> sections(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The one section of this name and pjsip {@code type}. */
    Section section(String name, String type) {
        List<Section> matching = sections(name).stream().filter(s -> s.type().filter(type::equals).isPresent()).toList();
        if (matching.size() != 1) {
            throw new AssertionError(path.getFileName() + " has " + matching.size() + " sections [" + name + "] of type " + type);
        }
        return matching.getFirst();
    }

    /** The one section of this name, whatever its type. */
    Section section(String name) {
        List<Section> matching = sections(name);
        if (matching.size() != 1) {
            throw new AssertionError(path.getFileName() + " has " + matching.size() + " sections [" + name + "]");
        }
        return matching.getFirst();
    }

    List<Section> ofType(String type) {
        return sections.stream().filter(s -> s.type().filter(type::equals).isPresent()).toList();
    }
}
