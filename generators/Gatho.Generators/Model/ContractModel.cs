namespace Gatho.Generators.Model;

/// <summary>A message type of a room's contract.</summary>
/// <param name="TypeKey">Its <see cref="TypeShape.Key"/>.</param>
/// <param name="Name">Identifier for members about it (<c>PlaceMarkId</c>, the client's event), unique in the contract.</param>
/// <param name="Id">Its 32-bit id (DESIGN D11).</param>
/// <param name="IsValueType">Structs cannot be null.</param>
internal sealed record ContractMessage(string TypeKey, string Name, uint Id, bool IsValueType);

/// <summary>What a room accepts and sends, and every type the codec must write.</summary>
internal sealed record ContractModel(
    string RoomType,
    EquatableArray<ContractMessage> Accepted,
    EquatableArray<ContractMessage> Sent,
    EquatableArray<TypeShape> Shapes);
