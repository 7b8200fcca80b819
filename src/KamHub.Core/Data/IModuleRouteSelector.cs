namespace KamHub.Core.Data;

/// <summary>
/// Which database a module's DbContext opens for the current unit of work. Configuration decides unless a module is
/// being moved online (ADR 0014), when reads and writes follow the move's steps.
/// </summary>
public interface IModuleRouteSelector
{
    ModuleConnection Select(ModuleDatabase module);
}
