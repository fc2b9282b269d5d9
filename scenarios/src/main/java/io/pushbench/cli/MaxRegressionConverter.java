package io.pushbench.cli;

import io.pushbench.report.MaxRegression;
import picocli.CommandLine;

/** Reads the allowances of {@code --max-regression}, such as {@code p99:+20%,cpu-per-msg:+10%} (see {@link MaxRegression}). */
final class MaxRegressionConverter implements CommandLine.ITypeConverter<MaxRegression> {

    @Override
    public MaxRegression convert(String value) {
        try {
            return MaxRegression.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
