import Instruments

extension ProtocolExecutor {
    /// Attempts a safe-state command gets before it is declared failed.
    static var safeStateAttempts: Int { 3 }

    /// Puts `instrument` in its safe state, retrying; a command that still
    /// fails raises the critical `safeStateFailed` alarm ("output may still be
    /// on") and returns false. Nothing on a safe-state path assumes success.
    func makeSafe(_ instrument: any Instrument, context: String) async -> Bool {
        var lastError: any Error = CancellationError()
        for attempt in 1...Self.safeStateAttempts {
            do {
                try await instrument.enterSafeState()
                return true
            } catch {
                lastError = error
                if attempt < Self.safeStateAttempts { try? await clock.sleep(for: .milliseconds(50 * attempt)) }
            }
        }
        emit(.alarm(alarm: Alarm(cause: .safeStateFailed,
                                 message: "OUTPUT MAY STILL BE ON: the safe-state command failed \(Self.safeStateAttempts) times "
                                    + "(\(context)): \(lastError). Check the instrument and the cell now.")))
        return false
    }

    /// Output off first; then the instrument behind `quantity` (the chamber
    /// for temperature, the rig for pressure) goes to its own safe state.
    /// Returns whether the output is known to be off.
    func makeSafe(after quantity: SafetyLimits.Quantity, context: String) async -> Bool {
        let outputOff = await makeSafe(instruments.potentiostat, context: context)
        switch quantity {
        case .temperature: if let thermal = instruments.thermal { _ = await makeSafe(thermal, context: context) }
        case .pressure: if let rig = instruments.pressureActuator { _ = await makeSafe(rig, context: context) }
        case .voltage, .current: break
        }
        return outputOff
    }

    /// The words an alarm ends with: what was done, and whether it worked.
    func outcomeWords(outputOff: Bool) -> String {
        outputOff ? "output off, job paused" : "job paused, BUT THE OUTPUT COULD NOT BE TURNED OFF"
    }

    /// An instrument stopped answering: one try at the safe state (it is
    /// probably unreachable), and the alarm that pauses the job until it is back.
    func instrumentLost(_ error: any InstrumentError) async -> Alarm {
        var words = "output state unknown until it answers: check the instrument and the cell"
        do {
            try await instruments.potentiostat.enterSafeState()
            words = "output off"
        } catch let failure as any InstrumentError where failure.isRecoverableByReconnect {
            // Unreachable, as expected: the words above stand.
        } catch let failure {
            emit(.alarm(alarm: Alarm(cause: .safeStateFailed,
                                     message: "OUTPUT MAY STILL BE ON: after losing \(error.instrument), the safe-state command failed: \(failure)")))
        }
        let alarm = Alarm(cause: .instrumentLost, message: "instrument lost: \(error); \(words); job paused until it is reconnected")
        emit(.alarm(alarm: alarm))
        return alarm
    }
}
