/// A small dense row-major matrix of doubles.
///
/// Fits in this package have tens of parameters and hundreds of points, so a
/// plain array with clear loops beats a BLAS dependency.
public struct Matrix: Sendable, Hashable {
    public let rows: Int
    public let columns: Int
    public var storage: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// The columns listed in `indices`, in that order.
    public func selecting(columns indices: [Int]) -> Matrix {
        var m = Matrix(rows: rows, columns: indices.count)
        for r in 0..<rows {
            for (j, c) in indices.enumerated() { m[r, j] = self[r, c] }
        }
        return m
    }

    /// `self · x`.
    public func multiply(_ x: [Double]) -> [Double] {
        precondition(x.count == columns)
        var y = Array(repeating: 0.0, count: rows)
        for r in 0..<rows {
            var s = 0.0
            for c in 0..<columns { s += self[r, c] * x[c] }
            y[r] = s
        }
        return y
    }

    /// `selfᵀ · y`.
    public func transposeMultiply(_ y: [Double]) -> [Double] {
        precondition(y.count == rows)
        var x = Array(repeating: 0.0, count: columns)
        for r in 0..<rows {
            let yr = y[r]
            if yr == 0 { continue }
            for c in 0..<columns { x[c] += self[r, c] * yr }
        }
        return x
    }
}
