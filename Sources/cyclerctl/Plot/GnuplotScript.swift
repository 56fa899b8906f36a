import Foundation

/// A gnuplot script for one figure: the terminal by the output's extension
/// (PNG through cairo, or SVG), axes in lab units, one inline data block per line.
///
/// Data travel inline (`$d1 << EOD`), so a figure is one self-contained
/// script that can be kept beside the picture and rerun.
struct GnuplotScript {
    var kind: PlotKind
    var series: [PlotSeries]
    var output: String

    /// - Throws: `PlotError` for an output that is neither .png nor .svg.
    func text() throws -> String {
        let terminal: String
        switch URL(fileURLWithPath: output).pathExtension.lowercased() {
        case "png": terminal = "pngcairo size 900,600 enhanced font 'sans,11'"
        case "svg": terminal = "svg size 900,600 enhanced font 'sans,11'"
        default: throw PlotError("\(output): write the figure as .png or .svg")
        }
        var lines = ["set terminal \(terminal)", "set output \(Self.quoted(output))", "set grid", "set key outside right top",
                     "set encoding utf8"]
        lines += axes
        for (index, line) in series.enumerated() {
            lines.append("$d\(index) << EOD")
            for k in line.x.indices {
                let y2 = line.y2.map { " \($0[k])" } ?? ""
                lines.append("\(line.x[k]) \(line.y[k])\(y2)")
            }
            lines.append("EOD")
        }
        let style = kind == .nyquist || kind == .bode ? "linespoints pointtype 7 pointsize 0.6" : "lines"
        var plots = series.indices.map { "$d\($0) using 1:2 with \(style) title \(Self.quoted(series[$0].title))" }
        if kind == .bode {
            plots += series.indices.map { "$d\($0) using 1:3 axes x1y2 with linespoints pointtype 6 dashtype 2 title \(Self.quoted(series[$0].title + " phase"))" }
        }
        lines.append("plot " + plots.joined(separator: ", \\\n     "))
        return lines.joined(separator: "\n") + "\n"
    }

    private var axes: [String] {
        switch kind {
        case .vt: ["set xlabel 'time (h)'", "set ylabel 'voltage (V)'"]
        case .vq: ["set xlabel 'charge passed in the half-cycle (mAh)'", "set ylabel 'voltage (V)'"]
        case .dqdv: ["set xlabel 'voltage (V)'", "set ylabel 'dQ/dV (mAh/V)'"]
        case .nyquist: ["set xlabel \"Z' (Ω)\"", "set ylabel \"−Z'' (Ω)\"", "set size ratio -1"]
        case .bode: ["set logscale x", "set logscale y", "set format x '10^{%L}'", "set xlabel 'frequency (Hz)'",
                     "set ylabel '|Z| (Ω)'", "set y2label 'phase (°)'", "set y2tics", "set ytics nomirror"]
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
