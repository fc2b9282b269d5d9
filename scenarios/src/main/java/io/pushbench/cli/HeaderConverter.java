package io.pushbench.cli;

import picocli.CommandLine;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a request header written {@code Name: value}, as curl's {@code -H} takes it. */
final class HeaderConverter implements CommandLine.ITypeConverter<Map.Entry<String, String>> {

    /** An RFC 9110 field name (a token), a colon, and a value without line breaks. */
    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+)\\s*:\\s*([^\\r\\n]*)");

    @Override
    public Map.Entry<String, String> convert(String value) {
        Matcher m = HEADER.matcher(value.strip());
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a header: write \"Name: value\", "
                    + "e.g. \"Authorization: Bearer abc\"");
        }
        return Map.entry(m.group(1), m.group(2).strip());
    }
}
