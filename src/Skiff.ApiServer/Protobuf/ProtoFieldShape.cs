namespace Skiff.ApiServer.Protobuf;

/// <summary>How a field's values are laid out: one value, a repeated list, or a map of entry messages.</summary>
internal enum ProtoFieldShape
{
    Single,
    Repeated,
    Map,
}
