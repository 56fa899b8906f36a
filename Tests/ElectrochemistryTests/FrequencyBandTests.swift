import Testing
@testable import Electrochemistry

@Suite("Frequency bands")
struct FrequencyBandTests {
    @Test("FrequencyBand(step:duration:) spans one cycle per run up to Nyquist")
    func fromStep() {
        let band = FrequencyBand(step: 1e-3, duration: 100)
        #expect(band.lowest == 0.01)
        #expect(band.highest == 500)
    }

    @Test("fastestTime is the time constant of the top frequency")
    func fastestTime() {
        let band = FrequencyBand(lowest: 0.1, highest: 1e6)
        #expect(relativeError(band.fastestTime, 1 / (2 * Double.pi * 1e6)) < 1e-15)
    }
}
