using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli;

/// <summary>
/// Spectre's dependency hook, reduced to what Frugal needs: commands get the console they were
/// started with, so tests can run them against a recording console.
/// </summary>
internal sealed class TypeRegistrar : ITypeRegistrar, ITypeResolver
{
    private readonly Dictionary<Type, List<Func<object>>> _factories = [];

    public TypeRegistrar(IAnsiConsole console, TextWriter error)
    {
        RegisterInstance(typeof(IAnsiConsole), console);
        RegisterInstance(typeof(ErrorOutput), new ErrorOutput(error));
    }

    public void Register(Type service, Type implementation) => Add(service, () => Create(implementation));

    public void RegisterInstance(Type service, object implementation) => Add(service, () => implementation);

    public void RegisterLazy(Type service, Func<object> factory) => Add(service, factory);

    public ITypeResolver Build() => this;

    public object? Resolve(Type? type)
    {
        if (type is null) return null;
        if (_factories.TryGetValue(type, out var factories)) return factories[^1]();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GetGenericArguments()[0];
            var all = _factories.GetValueOrDefault(element) ?? [];
            var array = Array.CreateInstance(element, all.Count);
            for (var i = 0; i < all.Count; i++) array.SetValue(all[i](), i);
            return array;
        }
        return type.IsAbstract || type.IsInterface ? null : Create(type);
    }

    private void Add(Type service, Func<object> factory)
    {
        if (!_factories.TryGetValue(service, out var list)) _factories[service] = list = [];
        list.Add(factory);
    }

    private object Create(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke([.. constructor.GetParameters().Select(p => Resolve(p.ParameterType))]);
    }
}

/// <summary>Where progress lines and one-line errors go (stderr), so stdout stays data: CSV, JSON, tables.</summary>
public sealed record ErrorOutput(TextWriter Writer);
