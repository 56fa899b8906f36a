import Testing
@testable import Electrochemistry

@Suite("Non-negative least squares")
struct NonNegativeLeastSquaresTests {
    static func residual(_ a: Matrix, _ x: [Double], _ b: [Double]) -> [Double] {
        zip(b, a.multiply(x)).map { $0 - $1 }
    }

    static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    static func random(rows: Int, columns: Int, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        var a = Matrix(rows: rows, columns: columns)
        for k in a.storage.indices { a.storage[k] = Double.random(in: -1...1, using: &rng) }
        return a
    }

    /// x ≥ 0; the gradient Aᵀ(b − Ax) is 0 where x > 0 and ≤ 0 where x = 0.
    static func expectKKT(_ a: Matrix, _ b: [Double], _ x: [Double], tolerance: Double = 1e-10) {
        let w = a.transposeMultiply(residual(a, x, b))
        for j in x.indices {
            #expect(x[j] >= 0)
            if x[j] > 0 {
                #expect(abs(w[j]) < tolerance, "w[\(j)] = \(w[j]) with x > 0")
            } else {
                #expect(w[j] < tolerance, "w[\(j)] = \(w[j]) with x = 0")
            }
        }
    }

    @Test("unconstrained optimum (5/3, −4/3) is clipped to the constrained (1, 0)")
    func clipped() {
        let a = Matrix([[1, 0], [0, 1], [1, 1]])
        let b = [2.0, -1, 0]
        let unconstrained = LeastSquares.solve(a, b)
        #expect(abs(unconstrained[1] + 4.0 / 3) < 1e-14)
        let (x, residual) = NonNegativeLeastSquares.solve(a, b)
        #expect(abs(x[0] - 1) < 1e-14)
        #expect(x[1] == 0)
        #expect(abs(residual - 3.0.squareRoot()) < 1e-14)
        // Gradient: 0 on the free variable, −2 pushing the clamped one below 0.
        let w = a.transposeMultiply(Self.residual(a, x, b))
        #expect(abs(w[0]) < 1e-14 && abs(w[1] + 2) < 1e-14)
    }

    @Test("a consistent non-negative problem is recovered exactly", arguments: [1, 2, 3] as [UInt64])
    func recovers(seed: UInt64) {
        let a = Self.random(rows: 40, columns: 10, seed: seed)
        let truth = [0.5, 0, 2, 0, 0, 1.25, 3, 0, 0.1, 0.7]
        let (x, residual) = NonNegativeLeastSquares.solve(a, a.multiply(truth))
        for (got, want) in zip(x, truth) { #expect(abs(got - want) < 1e-10) }
        #expect(residual < 1e-10)
    }

    @Test("a random problem meets the KKT conditions", arguments: [4, 5, 6] as [UInt64])
    func kkt(seed: UInt64) {
        let a = Self.random(rows: 30, columns: 12, seed: seed)
        var rng = SplitMix64(seed: seed + 100)
        let b = (0..<30).map { _ in Double.random(in: -1...1, using: &rng) }
        let (x, residual) = NonNegativeLeastSquares.solve(a, b)
        Self.expectKKT(a, b, x)
        #expect(x.contains(0) && x.contains { $0 > 0 })
        // The reported residual includes the part the tall problem's reduction set aside.
        #expect(abs(residual - Self.norm(Self.residual(a, x, b))) < 1e-12)
        // No worse than the unconstrained fit clipped at zero.
        let clipped = LeastSquares.solve(a, b).map { max(0, $0) }
        #expect(residual <= Self.norm(Self.residual(a, clipped, b)) + 1e-12)
    }

    @Test("a wide problem also meets KKT")
    func wide() {
        let a = Self.random(rows: 4, columns: 7, seed: 9)
        let b = [1.0, -0.5, 0.25, 2]
        let (x, residual) = NonNegativeLeastSquares.solve(a, b)
        Self.expectKKT(a, b, x)
        #expect(abs(residual - Self.norm(Self.residual(a, x, b))) < 1e-12)
    }

    @Test("duplicate columns give a finite optimum")
    func duplicateColumns() {
        let a = Matrix([[1, 1, 0], [1, 1, 1], [0, 0, 1], [2, 2, 1]])
        let b = [1.0, 2, 1, 3]
        let (x, residual) = NonNegativeLeastSquares.solve(a, b)
        #expect(x.allSatisfy { $0.isFinite })
        Self.expectKKT(a, b, x)
        // Same fit as with the column once: x0 + x1 plays its role.
        let single = NonNegativeLeastSquares.solve(Matrix([[1, 0], [1, 1], [0, 1], [2, 1]]), b)
        #expect(abs(residual - single.residual) < 1e-12)
        #expect(abs(x[0] + x[1] - single.x[0]) < 1e-12)
    }

    @Test("b in the negative cone gives x = 0")
    func allClamped() {
        let a = Matrix([[1, 0], [0, 1], [1, 1]])
        let (x, residual) = NonNegativeLeastSquares.solve(a, [-1, -2, -1])
        #expect(x == [0, 0])
        #expect(abs(residual - 6.0.squareRoot()) < 1e-14)
    }
}
