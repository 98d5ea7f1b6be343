package org.caregate.record.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.caregate.record.internal.Readings.Flag;
import org.caregate.record.internal.TestResults.Point;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * A result's values over time as an SVG drawn on the server: it works without JavaScript, prints,
 * and scales on a small screen. The normal range is a shaded band; values outside it are drawn as
 * squares, not only in another colour. Screen readers get the data table beside it, so the chart
 * itself is one labelled image.
 */
final class TrendChart {

    static final int WIDTH = 440;
    static final int HEIGHT = 240;
    private static final int LEFT = 52;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;

    private TrendChart() {}

    /**
     * @param label the chart's accessible name, e.g. "Hemoglobin A1c over time"
     * @param day formats an instant as a short date in the reader's language and zone
     */
    static String svg(List<Point> points, @Nullable BigDecimal low, @Nullable BigDecimal high, String label,
            String unit, Function<Instant, String> day, Locale locale) {
        if (points.size() < 2) {
            return "";
        }
        double min = points.stream().mapToDouble(p -> p.value().doubleValue()).min().orElseThrow();
        double max = points.stream().mapToDouble(p -> p.value().doubleValue()).max().orElseThrow();
        if (low != null) {
            min = Math.min(min, low.doubleValue());
        }
        if (high != null) {
            max = Math.max(max, high.doubleValue());
        }
        double pad = max == min ? Math.max(1, Math.abs(max) * 0.1) : (max - min) * 0.1;
        double yMin = min - pad;
        double yMax = max + pad;
        long tMin = points.getFirst().when().getEpochSecond();
        long tMax = Math.max(tMin + 1, points.getLast().when().getEpochSecond());
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        Function<Double, Double> y = v -> TOP + plotHeight * (yMax - v) / (yMax - yMin);
        Function<Instant, Double> x = t -> LEFT + plotWidth * (t.getEpochSecond() - tMin) / (double) (tMax - tMin);

        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg class=\"trend\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\" focusable=\"false\"")
                .append(" xmlns=\"http://www.w3.org/2000/svg\">");
        if (low != null || high != null) {
            double bandTop = y.apply(high == null ? yMax : high.doubleValue());
            double bandBottom = y.apply(low == null ? yMin : low.doubleValue());
            svg.append("<rect class=\"normal-band\" x=\"").append(LEFT).append("\" y=\"").append(n(bandTop))
                    .append("\" width=\"").append(n(plotWidth)).append("\" height=\"").append(n(bandBottom - bandTop))
                    .append("\" fill=\"#e3f2e6\"/>");
        }
        for (int i = 0; i <= 4; i++) {
            double value = yMin + (yMax - yMin) * i / 4;
            double at = y.apply(value);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(n(at)).append("\" y2=\"").append(n(at)).append("\" stroke=\"#d0d4d9\" stroke-width=\"1\"/>");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(n(at + 4))
                    .append("\" text-anchor=\"end\" font-size=\"14\" fill=\"#3d4449\">")
                    .append(escape(tick(value, yMax - yMin, locale))).append("</text>");
        }
        svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 12)
                .append("\" font-size=\"14\" fill=\"#3d4449\">").append(escape(day.apply(points.getFirst().when())))
                .append("</text>");
        svg.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 12)
                .append("\" text-anchor=\"end\" font-size=\"14\" fill=\"#3d4449\">")
                .append(escape(day.apply(points.getLast().when()))).append("</text>");
        if (!unit.isBlank()) {
            svg.append("<text x=\"4\" y=\"14\" font-size=\"14\" fill=\"#3d4449\">").append(escape(unit)).append("</text>");
        }
        StringBuilder line = new StringBuilder();
        for (Point point : points) {
            line.append(line.isEmpty() ? "" : " ").append(n(x.apply(point.when()))).append(',')
                    .append(n(y.apply(point.value().doubleValue())));
        }
        svg.append("<polyline points=\"").append(line).append("\" fill=\"none\" stroke=\"#1f3a5f\" stroke-width=\"2\"/>");
        for (Point point : points) {
            double px = x.apply(point.when());
            double py = y.apply(point.value().doubleValue());
            if (point.flag() == Flag.NONE) {
                svg.append("<circle cx=\"").append(n(px)).append("\" cy=\"").append(n(py))
                        .append("\" r=\"4\" fill=\"#1f3a5f\"/>");
            } else {
                svg.append("<rect class=\"outside\" x=\"").append(n(px - 5)).append("\" y=\"").append(n(py - 5))
                        .append("\" width=\"10\" height=\"10\" fill=\"#b3261e\"/>");
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String tick(double value, double span, Locale locale) {
        int decimals = span >= 20 ? 0 : span >= 2 ? 1 : 2;
        return String.format(locale, "%." + decimals + "f", value);
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
