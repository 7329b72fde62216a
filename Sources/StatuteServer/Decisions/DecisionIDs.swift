import Synchronization

/// Makes the `decision_id` of every decision: a random (version 4) UUID in lowercase,
/// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.
///
/// One 128-bit key is drawn from the system's random source when the service starts; each
/// id is then a counter mixed with that key (SplitMix64's finalizer, a bijection, whose 64
/// bits are all kept in the id), so ids never repeat within a process and look unrelated
/// across processes, without a system call or a lock per decision (Foundation's `UUID()`
/// reads the system's random source every time).
final class DecisionIDs: Sendable {
    private let key: (UInt64, UInt64)
    private let counter = Atomic<UInt64>(0)

    init() {
        var random = SystemRandomNumberGenerator()
        key = (random.next(), random.next())
    }

    /// The next id.
    func next() -> String {
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let unique = Self.mix(n ^ key.0)
        let spread = Self.mix(Self.mix(n &+ key.1) ^ unique)
        // Version 4 in bits 12-15 of `high`, whose own bits 12-15 move to `low`; the
        // RFC 4122 variant in the top two bits of `low`.
        let high = (unique & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000
        let low = 0x8000_0000_0000_0000 | (((unique >> 12) & 0xF) << 58) | (spread & 0x03FF_FFFF_FFFF_FFFF)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            func hex(_ value: UInt64, digits: Int) {
                var shift = (digits - 1) * 4
                while shift >= 0 {
                    let digit = UInt8((value >> UInt64(shift)) & 0xF)
                    buffer[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                    index += 1
                    shift -= 4
                }
            }
            func dash() { buffer[index] = UInt8(ascii: "-"); index += 1 }
            hex(high >> 32, digits: 8); dash()
            hex((high >> 16) & 0xFFFF, digits: 4); dash()
            hex(high & 0xFFFF, digits: 4); dash()
            hex(low >> 48, digits: 4); dash()
            hex(low & 0xFFFF_FFFF_FFFF, digits: 12)
            return index
        }
    }

    /// SplitMix64's finalizer: a bijection on 64 bits that spreads every input bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
