import Glibc
import InstrumentSimulators
import Testing
import Transport

/// The serial port on a real pseudo-terminal: settings, framing, deadlines, hang-ups.
@Suite struct SerialPortTests {
    private func writeController(_ terminal: PseudoTerminal, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(terminal.controller, $0.baseAddress, $0.count) }
    }

    private func readController(_ terminal: PseudoTerminal, count: Int) -> String {
        var buffer = [UInt8](repeating: 0, count: count)
        var got = 0
        var request = pollfd(fd: terminal.controller, events: Int16(POLLIN), revents: 0)
        while got < count, poll(&request, 1, 1000) > 0 {
            let n = buffer.withUnsafeMutableBytes { read(terminal.controller, $0.baseAddress! + got, count - got) }
            guard n > 0 else { break }
            got += n
        }
        return String(decoding: buffer.prefix(got), as: UTF8.self)
    }

    private func kind(_ body: () throws -> Void) -> TransportError.Kind? {
        do {
            try body()
            return nil
        } catch let error as TransportError {
            return error.kind
        } catch {
            return nil
        }
    }

    @Test(arguments: [9600, 19_200, 115_200, 230_400, 921_600])
    func setsTheBaudRate(rate: Int) throws {
        let terminal = try PseudoTerminal()
        let port = try SerialPort(path: terminal.devicePath, baudRate: rate, parity: .even, stopBits: 2)
        #expect(try port.configuredBaudRate() == rate)
    }

    @Test func refusesANonStandardBaudRateNamingTheValidOnes() throws {
        let terminal = try PseudoTerminal()
        do {
            _ = try SerialPort(path: terminal.devicePath, baudRate: 12_345)
            Issue.record("a non-standard rate was accepted")
        } catch {
            #expect(error.kind == .unavailable)
            #expect(error.detail.contains("12345") && error.detail.contains("921600"))
        }
    }

    @Test func missingDeviceIsUnavailable() {
        #expect(kind { _ = try SerialPort(path: "/dev/cyclerd-no-such-tty", baudRate: 9600) } == .unavailable)
    }

    @Test func readsLinesWrittenInPiecesAndWritesLines() throws {
        let terminal = try PseudoTerminal()
        let port = try SerialPort(path: terminal.devicePath, baudRate: 921_600)
        writeController(terminal, "hel")
        writeController(terminal, "lo\nwor")
        writeController(terminal, "ld\n")
        #expect(try port.readLine(timeout: .seconds(1)) == "hello")
        #expect(try port.readLine(timeout: .seconds(1)) == "world")
        #expect(try port.availableLine() == nil)
        try port.writeLine("ping", timeout: .seconds(1))
        #expect(readController(terminal, count: 5) == "ping\n")
    }

    @Test func readTimesOutAtItsDeadline() throws {
        let terminal = try PseudoTerminal()
        let port = try SerialPort(path: terminal.devicePath, baudRate: 230_400)
        let start = ContinuousClock.now
        #expect(kind { _ = try port.readLine(timeout: .milliseconds(150)) } == .timeout)
        let took = start.duration(to: .now)
        #expect(took >= .milliseconds(150) && took < .milliseconds(400), "took \(took)")
        #expect(port.isOpen, "a timeout leaves the port usable")
    }

    @Test func hangUpIsADisconnectAndClosesThePort() throws {
        var terminal: PseudoTerminal? = try PseudoTerminal()
        let port = try SerialPort(path: terminal!.devicePath, baudRate: 921_600)
        terminal = nil
        #expect(kind { _ = try port.readLine(timeout: .seconds(1)) } == .disconnected)
        #expect(!port.isOpen)
        #expect(kind { try port.writeLine("x", timeout: .seconds(1)) } == .disconnected)
    }

    @Test func blockedReadsWaitOnTheirOwnThreads() async throws {
        let terminals = try (0..<6).map { _ in try PseudoTerminal() }
        let connections = terminals.map { SerialConnection(path: $0.devicePath, baudRate: 921_600) }
        for connection in connections { try await connection.open() }
        // Six reads issued from one thread: if they blocked the caller's thread
        // they would take six timeouts in a row, not one.
        let caller = DedicatedThreadExecutor(name: "caller")
        defer { caller.stop() }
        let took = await withTaskExecutorPreference(caller) {
            let start = ContinuousClock.now
            await withTaskGroup(of: Void.self) { group in
                for connection in connections {
                    group.addTask { _ = try? await connection.readLine(timeout: .milliseconds(300)) }
                }
            }
            return start.duration(to: .now)
        }
        #expect(took < .milliseconds(900), "took \(took)")
    }

    @Test func connectionReopensAfterTheDeviceReturns() async throws {
        var terminal: PseudoTerminal? = try PseudoTerminal()
        let link = "/tmp/cyclerd-serial-\(UInt32.random(in: 0...UInt32.max))"
        symlink(terminal!.devicePath, link)
        defer { unlink(link) }
        let connection = SerialConnection(path: link, baudRate: 921_600)
        try await connection.open()
        terminal = nil
        await #expect(throws: TransportError.self) { try await connection.readLine(timeout: .seconds(1)) }
        #expect(await !connection.isOpen)
        let returned = try PseudoTerminal()
        unlink(link)
        symlink(returned.devicePath, link)
        try await connection.reconnect(within: .seconds(1))
        writeController(returned, "back\n")
        #expect(try await connection.readLine(timeout: .seconds(1)) == "back")
    }
}
