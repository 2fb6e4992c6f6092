using YamlDotNet.RepresentationModel;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>Navigation over YamlDotNet's representation model that names the missing key when a path is absent.</summary>
public static class YamlNodes
{
    /// <summary>The child mapping at <paramref name="path"/> (keys), or null when a key is missing.</summary>
    public static YamlNode? Find(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    /// <summary>The mapping at <paramref name="path"/>; throws naming the path when it is missing or not a mapping.</summary>
    public static YamlMappingNode Mapping(this YamlNode node, params string[] path) =>
        node.Find(path) as YamlMappingNode ?? throw new InvalidDataException($"No mapping at '{string.Join('.', path)}'.");

    /// <summary>The sequence at <paramref name="path"/>, or an empty one when it is missing.</summary>
    public static IReadOnlyList<YamlNode> Sequence(this YamlNode node, params string[] path) =>
        node.Find(path) is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    /// <summary>The scalar text at <paramref name="path"/>, or null when it is missing.</summary>
    public static string? Text(this YamlNode node, params string[] path) => (node.Find(path) as YamlScalarNode)?.Value;

    /// <summary>The entries of a mapping as (key, scalar value) pairs; non-scalar values give null.</summary>
    public static IEnumerable<(string Key, string? Value)> Scalars(this YamlMappingNode mapping) =>
        mapping.Children.Select(entry => (((YamlScalarNode)entry.Key).Value ?? "", (entry.Value as YamlScalarNode)?.Value));
}
