import Foundation

/// Turning cell-relative currents (C-rates, per-area, per-gram) into amperes once the
/// cell is known, so protocols can be written the way papers state them.
extension Quantity {
    /// A cell property a relative quantity depends on, named as in cell definitions.
    private enum CellProperty {
        case area, capacity, activeMass

        var label: String {
            switch self {
            case .area: "area"
            case .capacity: "capacity"
            case .activeMass: "activeMass"
            }
        }

        var phrase: String {
            switch self {
            case .area: "electrode area"
            case .capacity: "capacity"
            case .activeMass: "active mass"
            }
        }

        var dimension: PhysicalDimension {
            switch self {
            case .area: .area
            case .capacity: .charge
            case .activeMass: .mass
            }
        }
    }

    /// Replaces "nominal capacities" by the actual capacity, so `C/10` of a 2 mAh cell
    /// becomes 0.2 mA. Quantities that don't refer to capacity are returned unchanged.
    ///
    /// - Parameter capacity: a charge, e.g. `Quantity.parse("2 mAh")`.
    public func resolvingCRate(capacity: Quantity) throws(QuantityError) -> Quantity {
        let power = dimension.capacityRelative
        guard power != 0 else { return self }
        let capacity = try require(capacity, .capacity)
        let dimensionWithoutCapacity = dimension / PhysicalDimension(capacityRelative: power)
        return Quantity(
            value * pow(capacity.value, Double(power)),
            dimensionWithoutCapacity * capacity.dimension.raised(to: power))
    }

    /// The current in amperes for a current written as amperes, per area (`mA/cm2`),
    /// as a C-rate (`C/10`), or per gram of active material (`mA/g`).
    ///
    /// Throws `.missingCellProperty` naming the cell property the quantity needs, and
    /// `.dimensionMismatch` if the quantity is no kind of current.
    public func resolvingCurrent(
        area: Quantity? = nil, capacity: Quantity? = nil, activeMass: Quantity? = nil
    ) throws(QuantityError) -> Quantity {
        switch dimension {
        case .current: self
        case .arealCurrent: try self * require(area, .area)
        case .cRate: try resolvingCRate(capacity: require(capacity, .capacity))
        case .specificCurrent: try self * require(activeMass, .activeMass)
        default:
            throw QuantityError(
                .dimensionMismatch, text: description, column: 0,
                message: "\(self) is \(dimension.withArticle), but a current is expected here; "
                    + "write it as a current (\"1 mA\"), areal current (\"0.5 mA/cm2\"), "
                    + "C-rate (\"C/10\") or specific current (\"150 mA/g\")")
        }
    }

    /// The cell property, checked to be present and of the right dimension.
    private func require(_ property: Quantity?, _ kind: CellProperty) throws(QuantityError) -> Quantity {
        guard let property else {
            throw QuantityError(
                .missingCellProperty, text: description, column: 0,
                message: "\(self) needs the cell's \(kind.phrase); add `\(kind.label):` to the cell definition")
        }
        guard property.dimension == kind.dimension else {
            throw QuantityError(
                .dimensionMismatch, text: property.description, column: 0,
                message: "the cell's \(kind.phrase) \(property) is \(property.dimension.withArticle), "
                    + "but \(kind.dimension.withArticle) is expected, e.g. \"\(kind.dimension.exampleUnit)\"")
        }
        return property
    }
}
