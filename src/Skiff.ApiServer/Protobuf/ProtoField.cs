namespace Skiff.ApiServer.Protobuf;

/// <summary>
/// One field of a message: wire number, JSON name, type, and the Go shape that decides how an absent or
/// zero value shows in JSON (pointer fields keep explicit zeros, omitempty drops zero values).
/// </summary>
internal sealed record ProtoField(
    int Number,
    string JsonName,
    ProtoFieldShape Shape,
    ProtoType Type,
    ProtoType? MapKey,
    bool Pointer,
    bool OmitEmpty,
    bool Inline);
