import ArgumentParser
import Electrochemistry
import Foundation

/// `cyclerctl plot`: figures from the files the tools write and read, drawn by gnuplot.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw V–t, V–Q per half-cycle, dQ/dV, Nyquist or Bode figures as PNG or SVG (with gnuplot).",
        discussion: """
        vt, vq and dqdv read samples (data.csv from `cyclerctl run`, `sim cycle` output, EC-Lab, \\
        Neware, Arbin, Maccor or Gamry exports); nyquist and bode read spectra (spectrum-*.csv from \\
        `cyclerctl run`, `sim eis` output, .mpt, .DTA, .z). Several files make one figure with a line \\
        each. The figure is drawn by gnuplot (Debian: gnuplot-nox); --script keeps the gnuplot script.

        Examples:
          cyclerctl plot vq runs/gcpl/data.csv -o gcpl-vq.png
          cyclerctl plot nyquist runs/gcpl/spectrum-1-step10.csv runs/gcpl/spectrum-2-step10.csv -o eis.svg
        """
    )

    @Argument(help: "vt, vq, dqdv, nyquist or bode.")
    var kind: PlotKind

    @Argument(help: "Files to plot.")
    var files: [String]

    @Option(name: .shortAndLong, help: "The figure to write: a .png or .svg path.")
    var output: String

    @Option(name: .customLong("dqdv-step"), help: "Smallest voltage change a dQ/dV point spans, e.g. 5mV.")
    var dqdvStep = "5mV"

    @Option(help: "Also write the gnuplot script here.")
    var script: String?

    func run() throws {
        let step = try quantity(dqdvStep, option: "dqdv-step", expecting: .voltage).value
        var series: [PlotSeries] = []
        for file in files {
            let title = URL(fileURLWithPath: file).lastPathComponent
            if kind.readsSpectra {
                let data = try SpectrumFile.read(path: file)
                series.append(kind == .nyquist ? .nyquist(data, title: title) : .bode(data, title: title))
            } else {
                let samples = try SampleFile.read(path: file)
                let lines: [PlotSeries] = switch kind {
                case .vt: try PlotSeries.voltageTime(samples, title: title)
                case .vq: try PlotSeries.voltageCharge(samples, title: title)
                default: try PlotSeries.differentialCapacity(samples, title: title, step: step)
                }
                series += lines
            }
        }
        guard !series.isEmpty else { throw PlotError("nothing to plot: the files hold no \(kind.rawValue) data") }
        let text = try GnuplotScript(kind: kind, series: series, output: output).text()
        if let script { try text.write(toFile: script, atomically: true, encoding: .utf8) }
        try Self.gnuplot(text)
        print("wrote \(output)")
    }

    /// Runs gnuplot on `script` from standard input.
    static func gnuplot(_ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gnuplot"]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw PlotError("cannot start gnuplot (\(error.localizedDescription)); install it: apt-get install gnuplot-nox")
        }
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PlotError(process.terminationStatus == 127 ? "gnuplot is not installed; apt-get install gnuplot-nox"
                            : "gnuplot failed: \(message)")
        }
    }
}
