using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Photos;

public static class PhotosServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangPhotos(this IServiceCollection services, string directory)
    {
        services.Configure<PhotoOptions>(o => o.Directory = directory);
        services.AddSingleton<PhotoStore>();
        return services;
    }
}
