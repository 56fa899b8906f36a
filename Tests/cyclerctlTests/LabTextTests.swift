import Electrochemistry
import Testing

@testable import cyclerctl

/// Printed reports show lab units; their JSON keeps SI.
@Suite struct LabTextTests {
    @Test func siValuesPrintInTheUnitsALabReads() {
        #expect(lab(4.751e-9, .current, 4) == "4.751 nA")
        #expect(lab(1.0274e-4, .current) == "102.74 µA")
        #expect(lab(298.15, .temperature) == "25 °C")
        #expect(lab(0.1137, .conductivity, 4) == "1.137 mS/cm")
        #expect(lab(0.01, .voltage) == "10 mV")
    }
}
