using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace MediaSync.Hosting.Configuration;

/// <summary>
/// Validates an options class bound from a configuration section with its data annotations, nested option
/// objects included, and reports each failure with the full setting path (e.g.
/// <c>AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount</c>) so a bad host.json is
/// obvious at start-up.
/// </summary>
internal sealed class SectionOptionsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        Collect(options, section, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object instance, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (ValidationResult result in results)
        {
            string members = string.Join(", ", result.MemberNames.Select(m => $"{path}:{CamelCase(m)}"));
            failures.Add($"{(members.Length == 0 ? path : members)}: {result.ErrorMessage}");
        }

        foreach (PropertyInfo property in instance.GetType().GetProperties())
        {
            if (property.PropertyType.IsClass &&
                property.PropertyType.Namespace == typeof(SectionOptionsValidator<>).Namespace &&
                property.GetValue(instance) is { } nested)
            {
                Collect(nested, $"{path}:{CamelCase(property.Name)}", failures);
            }
        }
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
