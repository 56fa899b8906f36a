import Electrochemistry
import Numerics
import Testing

/// GITT on spherical particles: a train computed from the sphere's
/// eigenfunction series, written out here with its own roots, must give
/// back D/L² with L = R/3, where the planar reading comes out low.
@Suite struct SphericalGITTTests {
    /// The first 400 roots of tan λ = λ, by bisection on sin λ − λ cos λ
    /// over ((n)π, (n + ½)π), independent of the analysis's Newton steps.
    static let roots: [Double] = (1...400).map { n in
        var low = Double(n) * Double.pi + 1e-9, high = (Double(n) + 0.5) * Double.pi - 1e-9
        for _ in 0..<100 {
            let middle = (low + high) / 2
            let f = Double.sin(middle) - middle * Double.cos(middle)
            if (f > 0) == (n.isMultiple(of: 2)) { high = middle } else { low = middle }
        }
        return (low + high) / 2
    }

    /// Surface SOC per unit I·(dU/dQ)·τ_d after a current step at t = 0, for
    /// a sphere with τ_d = L²/D = (R/3)²/D: 9(s + 1/15 − Σ 2/(3λ²)·e^(−λ² s)), s = t/(9τ_d).
    static func sphereStep(_ t: Double, diffusionTime: Double) -> Double {
        guard t > 0 else { return 0 }
        let s = t / (9 * diffusionTime)
        var sum = s + 1.0 / 15
        for lambda in roots {
            sum -= 2 / (3 * lambda * lambda) * Double.exp(-lambda * lambda * s)
        }
        return 9 * sum
    }

    static func train(count: Int, pulse: Double, rest: Double = 1500, dt: Double = 2, diffusionTime: Double) -> [TraceSample] {
        GITTAnalysisTests.train(count: count, pulse: pulse, rest: rest, dt: dt, diffusionTime: diffusionTime,
                                step: sphereStep)
    }

    @Test func sphericalParticlesGiveBackTheirDiffusionTime() throws {
        let tau = 300.0
        let pulses = try GITTAnalysis.analyse(Self.train(count: 3, pulse: 30, diffusionTime: tau), geometry: .sphere)
        #expect(pulses.count == 3)
        for p in pulses {
            #expect(abs(p.normalisedDiffusivity * tau - 1) < 0.005, "D/L² \(p.normalisedDiffusivity) vs \(1 / tau) s⁻¹")
            #expect(p.geometry == .sphere && p.isShortAgainstDiffusionTime)
        }
    }

    /// The bias the sphere's form removes: the surface fills faster than a
    /// slab's, so the √t slope is steeper and the planar figure low.
    @Test func thePlanarFormReadsASphereLow() throws {
        let tau = 300.0
        let planar = try GITTAnalysis.analyse(Self.train(count: 1, pulse: 30, diffusionTime: tau))
        let ratio = try #require(planar.first).normalisedDiffusivity * tau
        #expect(ratio < 0.9 && ratio > 0.7, "planar D/L² is \(ratio) of the truth")
    }

    /// A pulse as long as L²/D is flagged, though the exact response still reads it.
    @Test func aLongPulseOnASphereIsFlaggedYetRead() throws {
        let tau = 300.0
        let pulse = try #require(try GITTAnalysis.analyse(Self.train(count: 1, pulse: 300, rest: 3000, dt: 5, diffusionTime: tau),
                                                          geometry: .sphere).first)
        #expect(!pulse.isShortAgainstDiffusionTime, "τ·D/L² \(pulse.diffusionTimeFraction)")
        #expect(abs(pulse.normalisedDiffusivity * tau - 1) < 0.01, "D/L² \(pulse.normalisedDiffusivity) vs \(1 / tau) s⁻¹")
    }

    @Test func aDischargePulseOnASphereGivesTheSameFigure() throws {
        let tau = 500.0
        let data = GITTAnalysisTests.train(count: 2, current: -2e-3, pulse: 40, rest: 2500, dt: 2, diffusionTime: tau,
                                           step: Self.sphereStep)
        let pulses = try GITTAnalysis.analyse(data, geometry: .sphere)
        #expect(pulses.count == 2)
        #expect(pulses.allSatisfy { abs($0.normalisedDiffusivity * tau - 1) < 0.005 && $0.current < 0 })
    }
}

/// The surface responses the analysis matches transients against.
@Suite struct ParticleGeometryTests {
    @Test func theFirstRootsOfTanLambdaAreTheTabulatedOnes() {
        #expect(abs(ParticleGeometry.sphereEigenvalue(1) - 4.493409457909064) < 1e-12)
        #expect(abs(ParticleGeometry.sphereEigenvalue(2) - 7.725251836937707) < 1e-12)
        for n in [3, 29, 30, 200] {
            #expect(abs(ParticleGeometry.sphereEigenvalue(n) - SphericalGITTTests.roots[n - 1]) < 1e-9)
        }
    }

    /// The short-time form and the series meet where the sphere switches between them.
    @Test func theSphereIsExactOnBothSidesOfItsSwitch() {
        let kappa = 1.0 / 300
        for t in [1.0, 100, 269.9, 270.1, 1000, 5000] {
            let analysed = ParticleGeometry.sphere.surfaceDisplacement(at: t, normalisedDiffusivity: kappa)
            let exact = SphericalGITTTests.sphereStep(t, diffusionTime: 300) * 300
            #expect(abs(analysed / exact - 1) < 1e-5, "t = \(t) s: \(analysed) vs \(exact)")
        }
    }

    /// Early on both shapes follow the same √t law; the sphere then pulls ahead by Dt/R.
    @Test func aSphereStartsAsASlabAndThenRunsAhead() {
        let kappa = 1.0 / 300
        let early = ParticleGeometry.sphere.surfaceDisplacement(at: 0.01, normalisedDiffusivity: kappa)
            / ParticleGeometry.planar.surfaceDisplacement(at: 0.01, normalisedDiffusivity: kappa)
        #expect(abs(early - 1) < 0.01)
        let later = ParticleGeometry.sphere.surfaceDisplacement(at: 10, normalisedDiffusivity: kappa)
            - ParticleGeometry.planar.surfaceDisplacement(at: 10, normalisedDiffusivity: kappa)
        #expect(abs(later / (10.0 / 3) - 1) < 0.06, "the lead grows as t/3 per unit rate (Dt/R)")
    }
}
