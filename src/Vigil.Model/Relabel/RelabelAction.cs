namespace Vigil.Model.Relabel;

/// <summary>What a relabel rule does; the YAML spelling is the lower-case name (<c>labelmap</c>, <c>keepequal</c>, ...).</summary>
public enum RelabelAction
{
    /// <summary>Writes the expanded replacement into the target label when the regex matches (the default).</summary>
    Replace,

    /// <summary>Keeps the target only when the regex matches the joined source values.</summary>
    Keep,

    /// <summary>Drops the target when the regex matches the joined source values.</summary>
    Drop,

    /// <summary>Keeps the target only when the joined source values equal the target label's value.</summary>
    KeepEqual,

    /// <summary>Drops the target when the joined source values equal the target label's value.</summary>
    DropEqual,

    /// <summary>Writes the hash of the joined source values modulo <see cref="RelabelConfig.Modulus"/> into the target label.</summary>
    HashMod,

    /// <summary>Copies every label whose name matches the regex to the name given by the replacement.</summary>
    LabelMap,

    /// <summary>Removes every label whose name matches the regex.</summary>
    LabelDrop,

    /// <summary>Removes every label whose name does not match the regex.</summary>
    LabelKeep,

    /// <summary>Writes the lower-cased joined source values into the target label.</summary>
    Lowercase,

    /// <summary>Writes the upper-cased joined source values into the target label.</summary>
    Uppercase,
}
