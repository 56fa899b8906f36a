extension Array {
    /// At most `count` elements, evenly spaced in order, always keeping the
    /// first and the last: enough for a smooth series (a V–Q curve, a
    /// resistance trend), whose ends are what a reader compares.
    public func evenlyThinned(to count: Int) -> [Element] {
        guard self.count > count, count >= 2 else { return self }
        let last = self.count - 1
        return (0..<count).map { self[$0 * last / (count - 1)] }
    }
}
