import SitBreakBus

/// The state icons drawn as `IconPixmap` ARGB32 bitmaps, for hosts that cannot read the
/// installed SVG theme (a host in a sandbox, or an install without `IconThemePath`). The
/// shapes are the SVGs' (config/icons): a disc in the state's colour, with a white mark.
public enum TrayPixmap {
    /// The sizes panels ask for; a host scales from the nearest.
    public static let sizes = [16, 22, 24, 32]

    /// `a(iiay)`: every size of `icon`.
    public static func value(_ icon: TrayIcon) -> BusValue {
        .array(elementSignature: "(iiay)", sizes.map { size in
            .structure([.int32(Int32(size)), .int32(Int32(size)), .bytes(render(icon, size: size))])
        })
    }

    /// `size`×`size` pixels, row by row, each A, R, G, B (network byte order, as the spec says).
    public static func render(_ icon: TrayIcon, size: Int) -> [UInt8] {
        let (red, green, blue) = colour(icon)
        var pixels = [UInt8](repeating: 0, count: size * size * 4)
        // 4×4 samples a pixel: edges anti-aliased without a drawing library.
        let samples = 4
        for row in 0..<size {
            for column in 0..<size {
                var disc = 0, mark = 0
                for sy in 0..<samples {
                    for sx in 0..<samples {
                        // In units of the icon: (0, 0) top left, (1, 1) bottom right.
                        let x = (Double(column) + (Double(sx) + 0.5) / Double(samples)) / Double(size)
                        let y = (Double(row) + (Double(sy) + 0.5) / Double(samples)) / Double(size)
                        if inDisc(icon, x, y) {
                            disc += 1
                            if inMark(icon, x, y) { mark += 1 }
                        }
                    }
                }
                let total = samples * samples
                let alpha = disc * 255 / total
                guard alpha > 0 else { continue }
                // The mark is white over the disc: blend by its share of the covered samples.
                func channel(_ base: Int) -> UInt8 { UInt8((base * (disc - mark) + 255 * mark) / disc) }
                let offset = (row * size + column) * 4
                pixels[offset] = UInt8(alpha)
                pixels[offset + 1] = channel(red)
                pixels[offset + 2] = channel(green)
                pixels[offset + 3] = channel(blue)
            }
        }
        return pixels
    }

    /// The colours of `status --format` (StatusFormat), so bar and panel agree.
    static func colour(_ icon: TrayIcon) -> (Int, Int, Int) {
        switch icon {
        case .sitting: (0x5f, 0x9e, 0x6e)
        case .due: (0xd1, 0x9a, 0x2a)
        case .overdue: (0xd0, 0x43, 0x4f)
        case .onBreak: (0x3d, 0x8e, 0xd8)
        case .paused, .away: (0x7a, 0x82, 0x90)
        }
    }

    private static func inDisc(_ icon: TrayIcon, _ x: Double, _ y: Double) -> Bool {
        let distance = ((x - 0.5) * (x - 0.5) + (y - 0.5) * (y - 0.5)).squareRoot()
        // Away: a ring, the desk left empty.
        return icon == .away ? distance <= 0.47 && distance >= 0.33 : distance <= 0.47
    }

    /// The white mark: a seated figure's seat for sitting, "!" when due (twice when overdue),
    /// a walking stride for a break, two bars for paused.
    private static func inMark(_ icon: TrayIcon, _ x: Double, _ y: Double) -> Bool {
        func box(_ left: Double, _ top: Double, _ right: Double, _ bottom: Double) -> Bool {
            x >= left && x <= right && y >= top && y <= bottom
        }
        switch icon {
        case .sitting: return box(0.30, 0.55, 0.70, 0.66) || box(0.30, 0.28, 0.41, 0.66) || box(0.59, 0.55, 0.70, 0.76)
        case .due: return box(0.44, 0.22, 0.56, 0.58) || box(0.44, 0.66, 0.56, 0.78)
        case .overdue:
            return box(0.29, 0.22, 0.41, 0.58) || box(0.29, 0.66, 0.41, 0.78)
                || box(0.59, 0.22, 0.71, 0.58) || box(0.59, 0.66, 0.71, 0.78)
        case .onBreak:
            let legs = abs((x - 0.5) - (y - 0.5) * 0.6) < 0.06 || abs((x - 0.5) + (y - 0.5) * 0.6) < 0.06
            return (y >= 0.45 && y <= 0.78 && legs) || box(0.45, 0.22, 0.55, 0.50)
        case .paused: return box(0.33, 0.28, 0.44, 0.72) || box(0.56, 0.28, 0.67, 0.72)
        case .away: return false
        }
    }
}
