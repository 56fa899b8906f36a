import CyclerConfiguration
import Instruments
import Testing
@testable import ProtocolEngine

@Suite struct ChannelCapabilitiesTests {
    @Test func aChannelFileDescribesTheInstruments() throws {
        let channel = try ChannelCapabilities(yaml: """
            potentiostat:
              modes: [galvanostatic, potentiostatic]
              eis: [potentiostatic]
              max_current: 30 mA
              voltage_range: [-3 V, 3 V]
              frequency_range: [10 uHz, 200 kHz]
            pressure: sensor
            thermal: false
            """, file: "channel.yaml")
        #expect(channel.potentiostat.potentiostaticEIS && !channel.potentiostat.galvanostaticEIS)
        #expect(channel.potentiostat.maximumCurrent == 0.03)
        let band = try #require(channel.potentiostat.frequencyRange)
        #expect(abs(band.lowerBound - 1e-5) < 1e-15 && band.upperBound == 2e5)
        #expect(channel.pressure == .sensor && !channel.thermalController)
    }

    @Test func aBadChannelFileIsLocated() {
        #expect {
            _ = try ChannelCapabilities(yaml: "potentiostat:\n  max_current: 4 V\n", file: "c.yaml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.line == 2 && error.field == "potentiostat.max_current" && error.message.contains("current")
        }
    }

    @Test func namedProfilesAndTheirLimits() throws {
        let smu = try ChannelCapabilities.named(orFile: "smu")
        #expect(!smu.potentiostat.potentiostaticEIS && smu.pressure == .none)
        #expect(throws: ConfigurationError.self) { try ChannelCapabilities.named(orFile: "no-such-profile") }
    }
}
