import ArgumentParser
import Foundation
import CellSimulator
import LiveModel
import LiveModelFixtures

/// SOC RMSE over many dynamic cycles with rests, from a wrong start.
struct SOCAccuracy: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "soc-accuracy",
                                                    abstract: "SOC RMSE against simulator truth over dynamic cycles with rests.")

    @Option var preset = "nmc811-lpscl-liin"
    @Option var cycles = 100
    @Option(help: "Initial SOC error (fraction).") var offset = 0.3
    @Option(help: "Sampling interval (s).") var interval = 1.0
    @Option(help: "C-rate of charge and of the mean drive discharge.") var rate = 0.5
    @Option(help: "Rest between halves (s).") var rest = 1200.0
    @Option(help: "Print truth against estimate every this many samples (0: never).") var trace = 0

    func run() throws {
        let d = try presetDefinition(preset)
        var c = try Scenarios.configuration(for: d, initialStateOfCharge: d.initialStateOfCharge + offset)
        c.initialSigma = 0.3
        var run = SimulatedRun(definition: d, configuration: c, interval: interval)
        for k in 1...cycles {
            let first = run.times.count
            Scenarios.dynamicCycle(&run, cRate: rate, restSeconds: rest)
            if trace > 0 { printTrace(run, from: first) }
            if k == 1 || k % 10 == 0 || k == cycles {
                print("cycle \(k) (model counts \(run.model.completedCycles)): t = \(Int(run.cell.state.time / 3600)) h, RMSE after 1 h \(fmt(run.socRMSE(from: 3600) * 100)) %, capacity \(fmt((run.model.capacityEstimator?.capacity ?? 0) / 3.6)) mAh (true \(fmt(d.capacity / 3.6)))")
            }
        }
        let converged = run.convergenceTime(band: 0.02)
        print("preset \(d.name), \(cycles) cycles, \(run.samples) samples at \(interval) s, start \(Int(offset * 100)) % off")
        print("SOC RMSE (all samples)            \(fmt(run.socRMSE() * 100)) %")
        print("SOC RMSE (after the first hour)   \(fmt(run.socRMSE(from: 3600) * 100)) %")
        print("converged within 2 % after        \(converged.map { fmt($0 / 60) + " min" } ?? "never")")
        print("alarms                            \(run.alarms.count)")
        for alarm in run.alarms.prefix(10) { print("  \(alarm)") }
    }
}

extension SOCAccuracy {
    func printTrace(_ run: SimulatedRun, from first: Int) {
        for k in stride(from: first, to: run.times.count, by: trace) {
            print("  t \(fmt(run.times[k] / 3600)) h  true \(fmt(run.trueStateOfCharge[k]))  est \(fmt(run.estimatedStateOfCharge[k]))  sigma \(fmt(run.estimatedSigma[k]))")
        }
        if let c = run.model.circuit {
            print("  circuit R0 \(fmt(c.ohmicResistance)) R1 \(fmt(c.fastResistance))/\(fmt(c.fastTime)) s R2 \(fmt(c.slowResistance))/\(fmt(c.slowTime)) s")
        }
    }
}

func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
