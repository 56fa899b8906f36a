import API
import ArgumentParser
import Electrochemistry
import Foundation

/// `cyclerctl status`: every channel in one table.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every channel of a running cyclerd: job, step, cycle, SOC, V, I, P, T and open alarms.",
        discussion: """
        Examples:
          cyclerctl status
          cyclerctl status --host http://127.0.0.1:8470 --token "$CYCLERD_TOKEN"
        """
    )

    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        let channels = try await ClientCommand.perform { try await daemon.client().get("/v1/channels", as: [ChannelView].self) }
        print(TextTable.render([["CHANNEL", "JOB", "STEP", "CYCLE", "SOC", "V", "I", "P", "T", "ALARMS", "STATUS"]] + channels.map(Self.row)))
    }

    static func row(_ channel: ChannelView) -> [String] {
        let latest = channel.latest
        return [
            channel.name,
            channel.runningJob.map { "\($0)" } ?? "-",
            latest.map { "\($0.step)" } ?? "-",
            latest.map { "\($0.cycle)" } ?? "-",
            Self.stateOfCharge(channel.estimate),
            latest.map { String(format: "%.4f V", $0.voltage_V) } ?? "-",
            latest.map { lab($0.current_A, .current, 4) } ?? "-",
            latest?.pressure_Pa.map { String(format: "%.2f MPa", $0 / 1e6) } ?? "-",
            latest?.temperature_degC.map { String(format: "%.1f °C", $0) } ?? "-",
            channel.openAlarms == 0 ? "0" : "\(channel.openAlarms) open",
            channel.status,
        ]
    }

    /// `52.3 ± 2.1 %` from an estimate's state of charge and its σ (2σ shown: the 95 % band).
    static func stateOfCharge(_ estimate: API.JSONValue?) -> String {
        guard case .object(let fields)? = estimate, case .number(let soc)? = fields["stateOfCharge"] else { return "-" }
        guard case .number(let sigma)? = fields["stateOfChargeSigma"] else { return String(format: "%.1f %%", soc * 100) }
        return String(format: "%.1f ± %.1f %%", soc * 100, 2 * sigma * 100)
    }
}

/// What every client command shares: the daemon's refusal or absence said
/// plainly on standard error, exit status 2.
enum ClientCommand {
    static func perform<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ValidationError {
            throw error
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("cyclerctl: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
