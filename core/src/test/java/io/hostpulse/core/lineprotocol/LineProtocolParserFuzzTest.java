package io.hostpulse.core.lineprotocol;

import io.hostpulse.core.Point;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Garbage in: the parser answers with points or a ParseException naming the line, never with another exception. */
class LineProtocolParserFuzzTest {

    private static final String[] PIECES = {"m", "cpu", ",", " ", "=", "\"", "\\", "\n", "#", "t", "f", "T", "1", "0",
            "-", "+", ".", "e", "E", "i", "u", "9223372036854775808", "99999999999999999999", "x", "é", "\r", "\t",
            "v=1", "v=1i", " 1", ",k=v", "NaN", "inf"};

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.of(PIECES).list().ofMaxSize(25).map(l -> String.join("", l));
    }

    @Property(tries = 5000)
    void onlyParseExceptionsAndThoseNameALine(@ForAll("garbage") String text, @ForAll Precision precision) {
        try {
            List<Point> points = new LineProtocolParser(precision).parse(text);
            for (Point p : points) {
                assertThat(p.measurement()).isNotEmpty();
                assertThat(p.fields()).isNotEmpty();
            }
        } catch (LineProtocolParser.ParseException e) {
            assertThat(e.getMessage()).matches("(?s)line [0-9]+: .+");
        }
    }
}
