/// The one vocabulary of chemistry tags that cell files, simulator presets and
/// protocols' `requires: {chemistry: …}` are compared in.
///
/// People write the same material several ways (`lpscl`, `li6ps5cl`,
/// `argyrodite`); each is read as its canonical tag, so a protocol that
/// requires `li-in` means the same cell whether it runs on a cell file or on
/// a simulator preset. Unknown tags pass through lower-cased.
public enum ChemistryTag {
    /// Canonical tag → the other spellings read as it.
    static let aliases: [String: [String]] = [
        "nmc811": ["ncm811", "lini0.8mn0.1co0.1o2"],
        "lco": ["licoo2"],
        "lfp": ["lifepo4"],
        "s": ["sulfur", "sulphur", "li2s"],
        "li": ["lithium", "li-metal"],
        "li-in": ["liin", "li_in", "lithium-indium"],
        "lto": ["li4ti5o12"],
        "ss": ["stainless-steel", "steel"],
        "li6ps5cl": ["lpscl", "argyrodite", "lpsc"],
        "li7p3s11": ["lps7"],
        "li3ps4": ["lps", "beta-li3ps4"],
        "li10gep2s12": ["lgps"],
        "llzo": ["li7la3zr2o12", "ta-llzo"],
        "latp": ["li1.3al0.3ti1.7(po4)3"],
        "peo": ["peo-litfsi"],
    ]

    private static let canonicalBySpelling: [String: String] = {
        var table: [String: String] = [:]
        for (canonical, others) in aliases {
            table[canonical] = canonical
            for other in others { table[other] = canonical }
        }
        return table
    }()

    /// The canonical form of `tag`.
    public static func canonical(_ tag: String) -> String {
        let lowered = tag.lowercased()
        return canonicalBySpelling[lowered] ?? lowered
    }
}
