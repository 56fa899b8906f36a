import ArgumentParser
@testable import cyclerctl
import Electrochemistry
import Foundation
import Testing

/// `cyclerctl plot` draws from the files the tools write, through gnuplot.
@Suite struct PlotCommandTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ElectrochemistryTests/Fixtures/Foreign")

    /// 1 mA for an hour passes 1 mAh; a rest between halves starts a new curve at 0.
    @Test func halfCyclesCountTheChargeFromZero() throws {
        let rows = (0...3600).map { "\($0),\(3.0 + Double($0) / 3600),1" } + ["3601,3.9,0"]
            + (3602...5402).map { "\($0),\(3.8 - Double($0 - 3602) / 3600),-2" }
        let series = try SampleFile.parse((["time_s,voltage_V,current_mA"] + rows).joined(separator: "\n"), file: "x.csv")
        let parts = try PlotSeries.halfCycles(series, title: "x")
        #expect(parts.map(\.label) == ["part 1 charge", "part 2 discharge"])
        #expect(parts.map { $0.q.first } == [0, 0])
        #expect(abs(try #require(parts[0].q.last) - 1) < 1e-12)
        #expect(abs(try #require(parts[1].q.last) - 1) < 1e-12)
    }

    @Test func anOutputThatIsNeitherPNGNorSVGIsRefused() {
        #expect(throws: PlotError.self) { try GnuplotScript(kind: .vt, series: [], output: "figure.jpg").text() }
    }

    /// A Gamry spectrum drawn as an SVG Nyquist plot: gnuplot writes the axis
    /// labels and one path per line into the file.
    @Test func aForeignSpectrumBecomesAnSVGNyquistPlot() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("plot-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: out) }
        try PlotCommand.parse(["nyquist", Self.corpus.appendingPathComponent("gamry-eis.DTA").path, "-o", out.path]).run()
        let svg = try String(contentsOf: out, encoding: .utf8)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("Z' (Ω)"))
        #expect(svg.contains("gamry-eis.DTA"))
    }
}
