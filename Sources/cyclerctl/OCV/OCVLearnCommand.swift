import ArgumentParser
import CyclerConfiguration
import Electrochemistry
import Foundation

/// `cyclerctl ocv learn`: an OCV table from a slow cycle or a GITT run, written into a cell file.
struct OCVLearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Learn OCV(SOC) from a slow cycle (mean of charge and discharge) or a GITT run (end of each rest).",
        discussion: """
        FILE is any record the sample reader takes (data.csv from `cyclerctl run`, `sim cycle` output, \\
        cycler exports). A record that rests between pulses of one direction is read as GITT; \\
        otherwise its last full charge and the discharge after it are averaged at each SOC, which \\
        cancels their overpotential. SOC runs from 0 at the lower cut-off to 1 at the upper. The \\
        table replaces the cell file's ocv: block (the rest of the file is kept) and is checked by \\
        reading the file back.

        Examples:
          cyclerctl sim cycle --preset nmc811-lpscl-liin --rate C/20 --cycles 2 -o slow.csv
          cyclerctl ocv learn slow.csv --cell Config/cells/my-cell.yaml
          cyclerctl ocv learn runs/gitt/data.csv --cell Config/cells/my-cell.yaml --output my-cell-gitt.yaml
        """
    )

    @Argument(help: "The record to learn from.")
    var file: String

    @Option(help: "The cell file whose ocv: block is written.")
    var cell: String

    @Option(name: .shortAndLong, help: "Write the updated cell file here instead of over --cell.")
    var output: String?

    @Option(help: "Points in the table (101 gives SOC steps of 0.01).")
    var points = 101

    func run() throws {
        let series: SampleSeries
        do { series = try SampleFile.read(path: file) } catch { throw ValidationError(error.description) }
        guard let voltage = series.voltage else { throw ValidationError("\(file) has no voltage column") }
        let samples = series.time.indices.map { TraceSample(time: series.time[$0], voltage: voltage[$0], current: series.current[$0]) }
        let table: LearnedOpenCircuit
        do { table = try OpenCircuitLearning.learn(samples, points: points) } catch { throw ValidationError("\(file): \(error.message)") }
        let text = try String(contentsOfFile: cell, encoding: .utf8)
        let updated = CellFileOCV.replacing(in: text, with: table, source: URL(fileURLWithPath: file).lastPathComponent)
        let destination = output ?? cell
        try updated.write(toFile: destination, atomically: true, encoding: .utf8)
        let description = try CellDescription.load(contentsOf: destination)
        guard description.openCircuitVoltage?.voltage.count == table.voltage.count else {
            throw ValidationError("\(destination) did not read back with the learned table; it was left as written for inspection")
        }
        let low = table.voltage.first.map { Quantity($0, .voltage).labText() } ?? "", high = table.voltage.last.map { Quantity($0, .voltage).labText() } ?? ""
        print("\(destination): ocv learned by \(table.method.rawValue) from \(file): \(table.voltage.count) points, "
            + "\(low) at SOC 0 to \(high) at SOC 1, \(Quantity(table.capacity, .charge).labText()) between the cut-offs")
    }
}
