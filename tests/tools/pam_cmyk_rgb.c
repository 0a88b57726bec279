/* pam_cmyk_rgb - a CMYK render to RGB through an ICC profile
 * (tests/t_renderers.py).
 *
 *   pam_cmyk_rgb PROFILE.icc IN.pam OUT.ppm
 *
 * IN.pam is an 8-bit PAM of TUPLTYPE CMYK (mutool draw -c cmyk); OUT.ppm is
 * IN converted with LittleCMS from PROFILE to sRGB, relative colorimetric
 * with black point compensation (that gives what poppler and Ghostscript
 * give, to the level: the cover's teal and 100 K measured).
 * Debian's MuPDF is built without LittleCMS, so `mutool draw` can only turn
 * CMYK into RGB by the naive formula (R = 1 - min(1, C + K)); poppler and
 * Ghostscript convert through a profile.  Rendering the press edition in
 * CMYK and converting it here, through the same profile the other two
 * use, compares how the three render, not three colour conversions. */
#include <lcms2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_header(FILE *f, int *w, int *h)
{
    char line[128];
    int depth = 0, max = 0, cmyk = 0;
    if (!fgets(line, sizeof line, f) || strcmp(line, "P7\n") != 0)
        return 0;
    while (fgets(line, sizeof line, f)) {
        if (strcmp(line, "ENDHDR\n") == 0)
            return *w > 0 && *h > 0 && depth == 4 && max == 255 && cmyk;
        sscanf(line, "WIDTH %d", w);
        sscanf(line, "HEIGHT %d", h);
        sscanf(line, "DEPTH %d", &depth);
        sscanf(line, "MAXVAL %d", &max);
        if (strcmp(line, "TUPLTYPE CMYK\n") == 0)
            cmyk = 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: pam_cmyk_rgb PROFILE.icc IN.pam OUT.ppm\n");
        return 2;
    }
    FILE *in = fopen(argv[2], "rb");
    int w = 0, h = 0;
    if (!in || !read_header(in, &w, &h)) {
        fprintf(stderr, "pam_cmyk_rgb: %s: not an 8-bit CMYK PAM\n", argv[2]);
        if (in)
            fclose(in);
        return 1;
    }
    size_t n = (size_t)w * h;
    unsigned char *cmyk = malloc(n * 4), *rgb = malloc(n * 3);
    int ok = cmyk && rgb && fread(cmyk, 4, n, in) == n;
    fclose(in);
    cmsHPROFILE src = ok ? cmsOpenProfileFromFile(argv[1], "r") : NULL;
    cmsHPROFILE dst = src ? cmsCreate_sRGBProfile() : NULL;
    cmsHTRANSFORM t = dst ? cmsCreateTransform(src, TYPE_CMYK_8, dst, TYPE_RGB_8,
                                               INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_BLACKPOINTCOMPENSATION) : NULL;
    FILE *out = t ? fopen(argv[3], "wb") : NULL;
    if (out) {
        cmsDoTransform(t, cmyk, rgb, (cmsUInt32Number)n);
        fprintf(out, "P6\n%d %d\n255\n", w, h);
        ok = fwrite(rgb, 3, n, out) == n;
        ok = fclose(out) == 0 && ok;
    } else {
        ok = 0;
    }
    if (t)
        cmsDeleteTransform(t);
    if (dst)
        cmsCloseProfile(dst);
    if (src)
        cmsCloseProfile(src);
    free(cmyk);
    free(rgb);
    if (!ok)
        fprintf(stderr, "pam_cmyk_rgb: %s -> %s failed\n", argv[2], argv[3]);
    return ok ? 0 : 1;
}
