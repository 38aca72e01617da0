using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;

namespace Gatho.Drivers.Postgres.Records;

/// <summary>
/// A <see cref="RoomFilter"/> as SQL conditions on <c>rooms r</c>, with only the criteria that are set, so the planner
/// picks the matching index: (room_type, status), (status), (server_id), or the GIN index on tags for <c>@&gt;</c>.
/// </summary>
internal static class RoomFilterSql
{
    public static (string Where, object?[] Parameters) Build(RoomFilter filter)
    {
        if (filter.Type is not null)
        {
            DriverArguments.Id(filter.Type, nameof(filter.Type));
        }

        if (filter.ServerId is not null)
        {
            DriverArguments.Id(filter.ServerId, nameof(filter.ServerId));
        }

        DriverPayloads.FilterTags(filter.TagsEqual);
        DriverPayloads.FilterTags(filter.TagsNotEqual);

        var where = new System.Text.StringBuilder();
        var parameters = new List<object?>();
        void Add(string condition, object value)
        {
            parameters.Add(value);
            where.Append(" AND ").Append(condition.Replace("$?", "$" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        if (filter.Type is not null)
        {
            Add("r.room_type = $?", filter.Type);
        }

        if (filter.Status is { } status)
        {
            Add("r.status = $?", (short)status);
        }

        if (filter.ServerId is not null)
        {
            Add("r.server_id = $?", filter.ServerId);
        }

        if (filter.Locked is { } locked)
        {
            Add("r.locked = $?", locked);
        }

        if (filter.TagsEqual is { Count: > 0 } equal)
        {
            Add("r.tags @> $?::jsonb", TagJson.Serialize(equal));
        }

        if (filter.TagsNotEqual is { Count: > 0 } notEqual)
        {
            // A room without the key matches, as gatho's tags[k] !== v.
            Add("NOT EXISTS (SELECT 1 FROM jsonb_each_text($?::jsonb) n WHERE r.tags ->> n.key = n.value)", TagJson.Serialize(notEqual));
        }

        return (where.ToString(), parameters.ToArray());
    }
}
