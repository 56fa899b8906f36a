import Testing
@testable import Electrochemistry

@Suite("Least squares")
struct LeastSquaresTests {
    static func residualNorm(_ a: Matrix, _ x: [Double], _ b: [Double]) -> Double {
        zip(a.multiply(x), b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    @Test("straight line through (0,1), (1,3), (2,4), (3,4) is y = 1.5 + x")
    func line() {
        let a = Matrix([[1, 0], [1, 1], [1, 2], [1, 3]])
        let x = LeastSquares.solve(a, [1, 3, 4, 4])
        #expect(abs(x[0] - 1.5) < 1e-14)
        #expect(abs(x[1] - 1.0) < 1e-14)
        // Residual (−0.5, 0.5, 0.5, −0.5) is orthogonal to both columns.
        #expect(abs(Self.residualNorm(a, x, [1, 3, 4, 4]) - 1) < 1e-14)
    }

    @Test("over-determined consistent system recovers x exactly")
    func consistent() {
        var rng = SplitMix64(seed: 7)
        var a = Matrix(rows: 12, columns: 5)
        for k in a.storage.indices { a.storage[k] = Double.random(in: -1...1, using: &rng) }
        let truth = [1.5, -2, 0.25, 3, -0.75]
        let x = LeastSquares.solve(a, a.multiply(truth))
        for (got, want) in zip(x, truth) { #expect(abs(got - want) < 1e-12) }
    }

    @Test("noisy system: the residual is orthogonal to every column")
    func normalEquations() {
        var rng = SplitMix64(seed: 11)
        var a = Matrix(rows: 20, columns: 4)
        for k in a.storage.indices { a.storage[k] = Double.random(in: -1...1, using: &rng) }
        let b = (0..<20).map { _ in Double.random(in: -1...1, using: &rng) }
        let x = LeastSquares.solve(a, b)
        let r = zip(b, a.multiply(x)).map { $0 - $1 }
        for g in a.transposeMultiply(r) { #expect(abs(g) < 1e-13) }
    }

    @Test("square system is solved exactly")
    func square() {
        let a = Matrix([[2, 1, 0], [1, 3, 1], [0, 1, 4]])
        let x = LeastSquares.solve(a, [3, 5, 5])
        for (got, want) in zip(x, [1.0, 1, 1]) { #expect(abs(got - want) < 1e-14) }
    }

    @Test("a dependent column in the middle gives a finite minimiser")
    func rankDeficient() {
        // Column 1 is twice column 0; the best fit uses only columns 0 and 2.
        let a = Matrix([[1, 2, 0], [1, 2, 1], [1, 2, 3], [1, 2, 4], [1, 2, 7]])
        let b = [1.0, 2, 2, 5, 6]
        let x = LeastSquares.solve(a, b)
        #expect(x.allSatisfy { $0.isFinite })
        let reduced = LeastSquares.solve(Matrix([[1, 0], [1, 1], [1, 3], [1, 4], [1, 7]]), b)
        let best = Self.residualNorm(Matrix([[1, 0], [1, 1], [1, 3], [1, 4], [1, 7]]), reduced, b)
        #expect(abs(Self.residualNorm(a, x, b) - best) < 1e-12)
        // Same fitted line: intercept x0 + 2·x1, slope x2.
        #expect(abs(x[0] + 2 * x[1] - reduced[0]) < 1e-12)
        #expect(abs(x[2] - reduced[1]) < 1e-12)
    }

    @Test("a zero column gets 0 and the rest is solved")
    func zeroColumn() {
        let a = Matrix([[1, 0, 1], [1, 0, 2], [1, 0, 3]])
        let x = LeastSquares.solve(a, [3, 5, 7])
        #expect(x[1] == 0)
        #expect(abs(x[0] - 1) < 1e-13 && abs(x[2] - 2) < 1e-13)
    }

    @Test("under-determined system fits exactly with finite values")
    func underDetermined() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let x = LeastSquares.solve(a, [6, 15])
        #expect(x.allSatisfy { $0.isFinite })
        #expect(Self.residualNorm(a, x, [6, 15]) < 1e-12)
    }

    @Test("columns of wildly different scale are all kept")
    func columnScale() {
        // Independent columns whose lengths differ by 1e15 (an inductance in H
        // beside a slow relaxation in Ω): the small one is not rank-deficient.
        let a = Matrix([[1e8, 1e-7], [2e8, 3e-7], [3e8, 2e-7], [4e8, 5e-7]])
        let truth = [2e-8, 4e6]
        let x = LeastSquares.solve(a, a.multiply(truth))
        for (got, want) in zip(x, truth) { #expect(abs(got / want - 1) < 1e-12) }
    }

    @Test("all-zero matrix gives zeros")
    func zeroMatrix() {
        #expect(LeastSquares.solve(Matrix(rows: 3, columns: 2), [1, 2, 3]) == [0, 0])
    }
}
