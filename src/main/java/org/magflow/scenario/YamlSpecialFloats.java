package org.magflow.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.Locale;

/**
 * A YAML parser that can read {@code .nan}, {@code .inf} and {@code -.inf}.
 *
 * <p>Jackson's YAML parser (2.18) tokenises them as floats but fails to convert them; reading them as NaN and
 * infinity lets the validator report "expected a finite number" at the field, with everything else in the file.
 */
final class YamlSpecialFloats extends JsonParserDelegate {
  YamlSpecialFloats(JsonParser yaml) {
    super(yaml);
  }

  /** The current token's value if it is one of YAML's special floats, else null. */
  private Double special() throws IOException {
    if (currentToken() != JsonToken.VALUE_NUMBER_FLOAT) return null;
    return switch (getText().toLowerCase(Locale.ROOT)) {
      case ".nan" -> Double.NaN;
      case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-.inf" -> Double.NEGATIVE_INFINITY;
      default -> null;
    };
  }

  @Override
  public NumberType getNumberType() throws IOException {
    return special() != null ? NumberType.DOUBLE : super.getNumberType();
  }

  @Override
  public NumberTypeFP getNumberTypeFP() throws IOException {
    return special() != null ? NumberTypeFP.DOUBLE64 : super.getNumberTypeFP();
  }

  @Override
  public double getDoubleValue() throws IOException {
    Double s = special();
    return s != null ? s : super.getDoubleValue();
  }

  @Override
  public Number getNumberValue() throws IOException {
    Double s = special();
    return s != null ? s : super.getNumberValue();
  }

  @Override
  public boolean isNaN() throws IOException {
    Double s = special();
    return s != null ? !Double.isFinite(s) : super.isNaN();
  }
}
