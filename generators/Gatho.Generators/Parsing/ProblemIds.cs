namespace Gatho.Generators.Parsing;

/// <summary>
/// The GATHOnnnn ids of the shapes the parsers refuse (docs/diagnostics/). The analyzers own the descriptors (title,
/// message, severity); each id here names its message arguments in order, as <see cref="ProblemList.Add"/> passes them.
/// </summary>
internal static class ProblemIds
{
    /// <summary>{0} client class.</summary>
    public const string ClientNeedsGathoClient = "GATHO0001";

    /// <summary>{0} room class.</summary>
    public const string RoomNotPartial = "GATHO1001";

    /// <summary>{0} containing type, {1} room class.</summary>
    public const string RoomContainerNotPartial = "GATHO1002";

    /// <summary>{0} room class.</summary>
    public const string GenericRoom = "GATHO1003";

    /// <summary>{0} room class.</summary>
    public const string StaticRoom = "GATHO1004";

    /// <summary>{0} room class, {1} the room type as written, {2} why it is invalid.</summary>
    public const string InvalidRoomType = "GATHO1005";

    /// <summary>{0} room class, {1} room type, {2} the other room class (compilation-wide: analyzer only).</summary>
    public const string DuplicateRoomType = "GATHO1006";

    /// <summary>{0} attribute, {1} room class, {2} first method, {3} second method.</summary>
    public const string DuplicateLifecycleHandler = "GATHO1007";

    /// <summary>{0} attribute, {1} method, {2} the parameter lists it may take.</summary>
    public const string HandlerParameters = "GATHO1008";

    /// <summary>{0} attribute, {1} method, {2} the return types it may have, {3} the return type it has.</summary>
    public const string HandlerReturnType = "GATHO1009";

    /// <summary>{0} attribute, {1} method.</summary>
    public const string AsyncVoidHandler = "GATHO1010";

    /// <summary>{0} attribute, {1} method.</summary>
    public const string GenericHandler = "GATHO1011";

    /// <summary>{0} attribute, {1} method, {2} containing type (analyzer only).</summary>
    public const string HandlerOutsideRoom = "GATHO1012";

    /// <summary>{0} the message (a type, raw text or raw bytes), {1} first method, {2} second method.</summary>
    public const string DuplicateMessageHandler = "GATHO1101";

    /// <summary>{0} first type, {1} second type, {2} the id, {3} room class.</summary>
    public const string MessageIdCollision = "GATHO1102";

    /// <summary>{0} type, {1} the id, {2} the other type (compilation-wide: analyzer only).</summary>
    public const string ExplicitIdReuse = "GATHO1103";

    /// <summary>{0} Type.Member, {1} the member's type, {2} the message it is reached from, {3} what to write instead.</summary>
    public const string UnserializableMember = "GATHO1104";

    /// <summary>{0} type, {1} the handler.</summary>
    public const string NotAMessageType = "GATHO1105";

    /// <summary>{0} type, {1} where it is used.</summary>
    public const string GenericMessageType = "GATHO1106";

    /// <summary>{0} type, {1} its effective accessibility, {2} room class, {3} the accessibility it needs.</summary>
    public const string InaccessibleMessageType = "GATHO1107";

    /// <summary>{0} type.</summary>
    public const string NoMessageConstructor = "GATHO1108";

    /// <summary>{0} Type.Field, {1} the field's type.</summary>
    public const string PublicFieldInMessage = "GATHO1109";

    /// <summary>{0} type, {1} room class.</summary>
    public const string SentTypeNotSerializable = "GATHO1110";

    /// <summary>{0} type (compilation-wide: analyzer only).</summary>
    public const string UnusedMessageType = "GATHO1111";

    /// <summary>{0} client class.</summary>
    public const string ClientNotPartial = "GATHO1201";

    /// <summary>{0} client class, {1} the type it names.</summary>
    public const string ClientRoomNotARoom = "GATHO1202";

    /// <summary>{0} containing type, {1} client class.</summary>
    public const string ClientContainerNotPartial = "GATHO1203";

    /// <summary>{0} client class.</summary>
    public const string StaticClient = "GATHO1204";
}
