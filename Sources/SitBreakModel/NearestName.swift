
/// The candidate a misspelt `name` most likely meant, or nil when none is close enough to be
/// a typo. Case is ignored, and a swap of two neighbouring letters counts as one edit.
public func nearestName(to name: String, among candidates: [String]) -> String? {
    let typed = Array(name.lowercased().unicodeScalars)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(typed, Array(candidate.lowercased().unicodeScalars))
        let tolerance = max(1, candidate.unicodeScalars.count * 2 / 5)
        if distance <= tolerance, distance < best?.distance ?? .max {
            best = (candidate, distance)
        }
    }
    return best?.name
}

/// Optimal string alignment distance: insertions, deletions, substitutions and transpositions.
private func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previousRow: [Int] = []
    var row = Array(0...b.count)
    for i in 1...a.count {
        let rowBefore = previousRow
        previousRow = row
        row = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            let substitution = previousRow[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            row[j] = min(previousRow[j] + 1, row[j - 1] + 1, substitution)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                row[j] = min(row[j], rowBefore[j - 2] + 1)
            }
        }
    }
    return row[b.count]
}
