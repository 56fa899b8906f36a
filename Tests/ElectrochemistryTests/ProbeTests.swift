import Testing
import Numerics
import Foundation
@testable import Electrochemistry

@Test func probe() throws {
    // ZARC accuracy
    for n in [0.5, 0.7, 0.85, 0.95, 0.99, 0.999, 1.0] {
        let tau0 = 1e-3, r = 2.0
        let net = FosterNetwork.zarc(resistance: r, timeConstant: tau0, n: n, tailMass: 1e-11)
        let band = FrequencyBand(lowest: 1e-6 / tau0 / (2 * .pi), highest: 1e6 / tau0 / (2 * .pi))
        let err = net.maximumRelativeError(against: { w in Complex(r) / (Complex(1) + ElementKind.jOmegaPower(w * tau0, n)) }, band: band)
        print("zarc n", n, "branches", net.branches.count, "err", err, "dc", net.dcResistance - r)
    }
    let t0 = Date()
    let cases: [(String, [Double], FrequencyBand)] = [
        ("R0-p(R1,CPE1)-p(R2,CPE2)-Wo1", [0.1, 0.2, 1e-3, 0.8, 0.3, 1.0, 0.7, 0.05, 10], FrequencyBand(lowest: 0.01, highest: 1e5)),
        ("CPE1", [1e-3, 0.8], FrequencyBand(lowest: 0.01, highest: 1e4)),
        ("W1", [0.05], FrequencyBand(lowest: 0.01, highest: 1e4)),
        ("TLMQ1", [10, 1e-3, 0.9], FrequencyBand(lowest: 0.01, highest: 1e4)),
        ("TLM1", [10, 1e-3], FrequencyBand(lowest: 0.01, highest: 1e4)),
        ("p(R1,p(R2,C2)-CPE3)", [1, 0.5, 1e-4, 1e-3, 0.8], FrequencyBand(lowest: 0.01, highest: 1e4)),
        ("R0-p(R1,CPE1)-Wo1", [0.05, 0.1, 4e-3, 0.85, 0.1, 1], FrequencyBand(lowest: 0.1, highest: 1e6)),
    ]
    for (text, p, band) in cases {
        let c = try Circuit(text)
        let s = Date()
        do {
            let net = try FosterNetwork(circuit: c, parameters: p, band: band)
            let err = net.maximumRelativeError(against: { c.impedance(omega: $0, parameters: p) }, band: band)
            print(text, "branches", net.branches.count, "err", err, "time", Date().timeIntervalSince(s))
        } catch {
            print(text, "ERROR", error, Date().timeIntervalSince(s))
        }
    }
    print("total", Date().timeIntervalSince(t0))
    // low-frequency precision
    for wt in [1e-2, 1e-4, 1e-6, 1e-8, 1e-10] {
        let zo = ElementKind.warburgOpen.impedance(omega: wt, [1, 1][...])
        let zs = ElementKind.warburgShort.impedance(omega: wt, [1, 1][...])
        print("wt", wt, "Wo re", zo.real - 1.0/3, "Ws", zs.real - 1, zs.imaginary)
    }
}
