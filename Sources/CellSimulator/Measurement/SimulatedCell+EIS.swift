import Electrochemistry
import Numerics

extension SimulatedCell {
    /// Measures impedance the way a frequency-response analyser does: apply a
    /// small sine on the time-domain model, sample it, and demodulate.
    ///
    /// At each frequency the cell is stepped 64 times per period for
    /// `settlingPeriods`, then `measuredPeriods` are sampled through `noise`.
    /// The demodulation is a least-squares fit of offset, linear and quadratic
    /// drift, sine and cosine, so slow relaxations still running from earlier
    /// frequencies do not leak into the result. Simulated time advances by the
    /// length of the sweep, as it would on a real instrument.
    public mutating func measureImpedance(frequencies: [Double], excitation: EISExcitation,
                                          noise: InstrumentNoise = InstrumentNoise(),
                                          settlingPeriods: Int = 2, measuredPeriods: Int = 4) -> ImpedanceSpectrum {
        let samplesPerPeriod = 64
        let dcVoltage = voltage, dcCurrent = current
        var points: [ImpedanceSpectrum.Point] = []
        points.reserveCapacity(frequencies.count)
        for f in frequencies {
            let omega = 2 * Double.pi * f
            let dt = 1 / (f * Double(samplesPerPeriod))
            let measured = measuredPeriods * samplesPerPeriod
            var times: [Double] = [], volts: [Double] = [], amps: [Double] = []
            times.reserveCapacity(measured); volts.reserveCapacity(measured); amps.reserveCapacity(measured)
            for k in 1...((settlingPeriods + measuredPeriods) * samplesPerPeriod) {
                let t = Double(k) * dt
                let wave = Double.sin(omega * t) * 2.0.squareRoot()
                let (v, i): (Double, Double)
                switch excitation {
                case .potentiostatic(let amplitude):
                    let applied = dcVoltage + amplitude * wave
                    (v, i) = (applied, step(voltage: applied, dt: dt, waveform: .smooth))
                case .galvanostatic(let amplitude):
                    let applied = dcCurrent + amplitude * wave
                    (v, i) = (step(current: applied, dt: dt), applied)
                }
                guard k > settlingPeriods * samplesPerPeriod else { continue }
                times.append(t)
                volts.append(noise.voltage(v, &random))
                amps.append(noise.current(i, &random))
            }
            let z = Self.phasor(volts, times, omega) / Self.phasor(amps, times, omega)
            points.append(.init(frequency: f, impedance: z))
        }
        return ImpedanceSpectrum(points: points)
    }

    /// Complex amplitude X of `x(t) ≈ c₀ + c₁t + c₂t² + Re(X e^{jωt})`.
    static func phasor(_ x: [Double], _ t: [Double], _ omega: Double) -> Complex<Double> {
        let t0 = t[0], span = t[t.count - 1] - t[0]
        var a = Matrix(rows: x.count, columns: 5)
        for r in x.indices {
            let u = (t[r] - t0) / span
            a[r, 0] = 1
            a[r, 1] = u
            a[r, 2] = u * u
            a[r, 3] = Double.cos(omega * t[r])
            a[r, 4] = Double.sin(omega * t[r])
        }
        let c = LeastSquares.solve(a, x)
        return Complex(c[3], -c[4])
    }
}
