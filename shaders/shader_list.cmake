# Every shader variant the engine embeds: xun_shader(<name> <source> [DEFINES ...]).
xun_shader(fill fill.comp)
