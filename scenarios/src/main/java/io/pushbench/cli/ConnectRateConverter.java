package io.pushbench.cli;

import picocli.CommandLine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a rate of new connections: {@code 500/s} or {@code 500}, per second. */
final class ConnectRateConverter implements CommandLine.ITypeConverter<Double> {

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/s)?");

    @Override
    public Double convert(String value) {
        Matcher m = RATE.matcher(value.strip());
        double rate = m.matches() ? Double.parseDouble(m.group(1)) : -1;
        if (!(rate > 0)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a rate of connections above zero: "
                    + "write e.g. 500/s");
        }
        return rate;
    }
}
