# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_antq_global_optspecs
    string join \n db= lang= connect= demo ascii h/help V/version
end

function __fish_antq_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_antq_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_antq_using_subcommand
    set -l cmd (__fish_antq_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c antq -n "__fish_antq_needs_command" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_needs_command" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_needs_command" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_needs_command" -l demo -d 'Open the screens on a temporary copy of the Hậu Giang sample, removed at exit'
complete -c antq -n "__fish_antq_needs_command" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_needs_command" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_needs_command" -s V -l version -d 'Print version'
complete -c antq -n "__fish_antq_needs_command" -f -a "serve" -d 'Run the server: own the store and serve clients on a Unix socket (foreground)'
complete -c antq -n "__fish_antq_needs_command" -f -a "restore" -d 'Load a backup (a file, or a raw backup\'s folder) into a new, empty store (--db), then check it'
complete -c antq -n "__fish_antq_needs_command" -f -a "compact" -d 'Rewrite the store into fresh files that hold only its live data, so it takes less disk and opens faster (not while antq serve holds it)'
complete -c antq -n "__fish_antq_needs_command" -f -a "completions" -d 'Print shell completions (bash, zsh or fish) to stdout'
complete -c antq -n "__fish_antq_needs_command" -f -a "man" -d 'Print the manual page (roff) to stdout, in the chosen language'
complete -c antq -n "__fish_antq_needs_command" -f -a "init" -d 'Create the store (and optionally load the Hậu Giang sample)'
complete -c antq -n "__fish_antq_needs_command" -f -a "units" -d 'Administrative units and participants'
complete -c antq -n "__fish_antq_needs_command" -f -a "indicators" -d 'The indicator catalogue'
complete -c antq -n "__fish_antq_needs_command" -f -a "user" -d 'Operator accounts: OS user name → role and unit'
complete -c antq -n "__fish_antq_needs_command" -f -a "settings" -d 'Classification cut-offs and report deadlines'
complete -c antq -n "__fish_antq_needs_command" -f -a "report" -d 'Periodic indicator reports'
complete -c antq -n "__fish_antq_needs_command" -f -a "assess" -d 'Yearly assessments (An toàn, classification)'
complete -c antq -n "__fish_antq_needs_command" -f -a "exemplar" -d 'Exemplars (điển hình)'
complete -c antq -n "__fish_antq_needs_command" -f -a "task" -d 'Follow-up tasks from directives'
complete -c antq -n "__fish_antq_needs_command" -f -a "export" -d 'Write records as CSV, JSON or an Excel workbook (to stdout, or to a file with -o)'
complete -c antq -n "__fish_antq_needs_command" -f -a "import" -d 'Read units, reports, assessments or tasks from a CSV file; every row is checked first and nothing is written if any row is wrong'
complete -c antq -n "__fish_antq_needs_command" -f -a "bundle" -d 'Offline bundles: carry a district\'s changes to the province as one small file'
complete -c antq -n "__fish_antq_needs_command" -f -a "office" -d 'Offices whose signed bundles this store accepts, and their keys'
complete -c antq -n "__fish_antq_needs_command" -f -a "backup" -d 'Write a consistent snapshot of the whole store to FILE (works while others write)'
complete -c antq -n "__fish_antq_needs_command" -f -a "summary" -d 'Indicator totals and completeness for a subtree, rolled up the tree and through merges'
complete -c antq -n "__fish_antq_needs_command" -f -a "audit" -d 'Show the audit trail, newest first'
complete -c antq -n "__fish_antq_needs_command" -f -a "check" -d 'Verify that every record decodes and every index agrees with its records'
complete -c antq -n "__fish_antq_needs_command" -f -a "gen" -d 'Generate deterministic synthetic data (for benchmarks and trials)'
complete -c antq -n "__fish_antq_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand serve" -l socket -d 'The socket to listen on (mode 0660)' -r -F
complete -c antq -n "__fish_antq_using_subcommand serve" -l group -d 'The group allowed to connect, e.g. antq-operators' -r
complete -c antq -n "__fish_antq_using_subcommand serve" -l workers -d 'Requests run at once (default: twice the cores, 4 to 16); 0 runs each on its connection\'s thread' -r
complete -c antq -n "__fish_antq_using_subcommand serve" -l max-per-user -d 'Connections one OS user may hold at once (a screen holds two)' -r
complete -c antq -n "__fish_antq_using_subcommand serve" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand serve" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand serve" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand serve" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand serve" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand restore" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand restore" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand restore" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand restore" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand restore" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand compact" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand compact" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand compact" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand compact" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand compact" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand completions" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand completions" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand completions" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand completions" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand completions" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand man" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand man" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand man" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand man" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand man" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand init" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand init" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand init" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand init" -l sample -d 'Load the sample data; loading it again adds nothing'
complete -c antq -n "__fish_antq_using_subcommand init" -l registry -d 'Load the official registry shipped with antq (data/registry): the units before 1 July 2025 as history, today\'s units, and the reform\'s links; into an empty store'
complete -c antq -n "__fish_antq_using_subcommand init" -l dry-run -d 'With --registry: check everything, write nothing'
complete -c antq -n "__fish_antq_using_subcommand init" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand init" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -f -a "list" -d 'List units in tree order'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -f -a "show" -d 'Show the unit holding a code (today, or --on DATE): its dated names and parents, predecessors and successors'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -f -a "add" -d 'Add a unit'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -f -a "edit" -d 'Change a unit\'s name, kind, parent or notes'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -f -a "retire" -d 'Retire a unit: its last day is --on (default today)'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -f -a "unretire" -d 'Undo a retirement entered by mistake (admin)'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -f -a "unmerge" -d 'Undo a merge entered by mistake, while the successor has nothing recorded since (admin)'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -f -a "merge" -d 'Merge units into a successor from a date; history stays with the old units'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -f -a "delete" -d 'Delete a unit that has no reports, tasks, assessments or units below it'
complete -c antq -n "__fish_antq_using_subcommand units; and not __fish_seen_subcommand_from list show add edit retire unretire unmerge merge delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from list" -l under -d 'Only this unit and those below it' -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from list" -l search -d 'Match names ignoring accents ("vinh thuan dong"), or a code prefix' -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from list" -l on -d 'The units that existed on this day, under that day\'s parents' -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from list" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from list" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from list" -l all -d 'Include retired and merged units (a search always includes them)'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from list" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from show" -l on -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from show" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from show" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from show" -l json -d 'JSON for scripts: the unit as of the day, its path and its lineage'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from show" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from add" -l code -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from add" -l name -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from add" -l kind -d 'xã, phường, thị trấn, huyện, khu dân cư, cơ quan… or commune, ward, district…' -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from add" -l parent -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from add" -l from -d 'First day the unit exists (YYYY-MM-DD or DD/MM/YYYY)' -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from add" -l notes -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from add" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from add" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from add" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from add" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from edit" -l name -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from edit" -l kind -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from edit" -l parent -d 'New parent code; "-" moves the unit to the top' -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from edit" -l notes -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from edit" -l from -d 'The first day the new name, kind or parent hold; the old ones stay as history. Without it the current values are corrected' -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from edit" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from edit" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from edit" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from edit" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from retire" -l on -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from retire" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from retire" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from retire" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from retire" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from retire" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from unretire" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from unretire" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from unretire" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from unretire" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from unretire" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from unmerge" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from unmerge" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from unmerge" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from unmerge" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from unmerge" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from merge" -l into -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from merge" -l on -d 'First day of the merged unit' -r
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from merge" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from merge" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from merge" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from merge" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from merge" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from delete" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from delete" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from delete" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from delete" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from help" -f -a "list" -d 'List units in tree order'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the unit holding a code (today, or --on DATE): its dated names and parents, predecessors and successors'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a unit'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a unit\'s name, kind, parent or notes'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from help" -f -a "retire" -d 'Retire a unit: its last day is --on (default today)'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from help" -f -a "unretire" -d 'Undo a retirement entered by mistake (admin)'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from help" -f -a "unmerge" -d 'Undo a merge entered by mistake, while the successor has nothing recorded since (admin)'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from help" -f -a "merge" -d 'Merge units into a successor from a date; history stays with the old units'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a unit that has no reports, tasks, assessments or units below it'
complete -c antq -n "__fish_antq_using_subcommand units; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand indicators; and not __fish_seen_subcommand_from list set help" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand indicators; and not __fish_seen_subcommand_from list set help" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand indicators; and not __fish_seen_subcommand_from list set help" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand indicators; and not __fish_seen_subcommand_from list set help" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand indicators; and not __fish_seen_subcommand_from list set help" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand indicators; and not __fish_seen_subcommand_from list set help" -f -a "list" -d 'List the catalogue'
complete -c antq -n "__fish_antq_using_subcommand indicators; and not __fish_seen_subcommand_from list set help" -f -a "set" -d 'Add an indicator or change one; omitted options keep their current values'
complete -c antq -n "__fish_antq_using_subcommand indicators; and not __fish_seen_subcommand_from list set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from list" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from list" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from list" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from set" -l vi -r
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from set" -l en -r
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from set" -l kinds -d 'Unit kinds it applies to, space-separated; "communes" and "participants" are groups' -r
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from set" -l periods -d 'Period types, space-separated: month quarter half year' -r
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from set" -l order -r
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from set" -l over-time -d 'How months add up into longer periods: sum (flows) or last (stocks)' -r
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from set" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from set" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from set" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from set" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the catalogue'
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from help" -f -a "set" -d 'Add an indicator or change one; omitted options keep their current values'
complete -c antq -n "__fish_antq_using_subcommand indicators; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand user; and not __fish_seen_subcommand_from add list remove help" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand user; and not __fish_seen_subcommand_from add list remove help" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand user; and not __fish_seen_subcommand_from add list remove help" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand user; and not __fish_seen_subcommand_from add list remove help" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand user; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand user; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add an account or change one'
complete -c antq -n "__fish_antq_using_subcommand user; and not __fish_seen_subcommand_from add list remove help" -f -a "list"
complete -c antq -n "__fish_antq_using_subcommand user; and not __fish_seen_subcommand_from add list remove help" -f -a "remove"
complete -c antq -n "__fish_antq_using_subcommand user; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from add" -l role -d 'viewer, operator, approver or admin' -r
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from add" -l unit -d 'The top of the subtree the account works in (not needed for admin)' -r
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from add" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from add" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from add" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from add" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from list" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from list" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from list" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from remove" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from remove" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from remove" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from remove" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an account or change one'
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list"
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "remove"
complete -c antq -n "__fish_antq_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand settings; and not __fish_seen_subcommand_from show set help" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand settings; and not __fish_seen_subcommand_from show set help" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand settings; and not __fish_seen_subcommand_from show set help" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand settings; and not __fish_seen_subcommand_from show set help" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand settings; and not __fish_seen_subcommand_from show set help" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand settings; and not __fish_seen_subcommand_from show set help" -f -a "show" -d 'Show the classification cut-offs and report deadlines'
complete -c antq -n "__fish_antq_using_subcommand settings; and not __fish_seen_subcommand_from show set help" -f -a "set" -d 'Change cut-offs (e.g. 90/70/50) or deadlines (days after a period ends)'
complete -c antq -n "__fish_antq_using_subcommand settings; and not __fish_seen_subcommand_from show set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from show" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from show" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from show" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -l cutoffs -d 'Minimum scores for Xuất sắc/Khá/Trung bình, e.g. 90/70/50' -r
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -l deadline-month -r
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -l deadline-quarter -r
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -l deadline-half -r
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -l deadline-year -r
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -l excellent-needs-safe -d 'Xuất sắc only for units recognised "An toàn" that year: yes (the default) or no' -r
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -l four-eyes -d 'Four eyes: nobody approves what they entered themselves: yes (the default) or no' -r
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the classification cut-offs and report deadlines'
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change cut-offs (e.g. 90/70/50) or deadlines (days after a period ends)'
complete -c antq -n "__fish_antq_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -f -a "set" -d 'Set values on a draft or returned report (created if missing); IND= clears a value'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -f -a "show" -d 'Show one report with every indicator that applies'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -f -a "submit" -d 'Send a report up for approval'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -f -a "approve" -d 'Approve a submitted report; it is then locked'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -f -a "return" -d 'Return a submitted report with a reason'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -f -a "withdraw" -d 'Take back a report you submitted, before it is approved, to correct it'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -f -a "reopen" -d 'Open an approved report again for a correction (the level above), with a reason'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -f -a "list" -d 'List reports'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -f -a "completeness" -d 'Submitted out of expected for a period, with the units still missing'
complete -c antq -n "__fish_antq_using_subcommand report; and not __fish_seen_subcommand_from set show submit approve return withdraw reopen list completeness help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from set" -l narrative -r
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from set" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from set" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from set" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from set" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from show" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from show" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from show" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from submit" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from submit" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from submit" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from submit" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from submit" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from approve" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from approve" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from approve" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from approve" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from return" -l reason -r
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from return" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from return" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from return" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from return" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from return" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from withdraw" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from withdraw" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from withdraw" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from withdraw" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from withdraw" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from reopen" -l reason -r
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from reopen" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from reopen" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from reopen" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from reopen" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from reopen" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from list" -l period -r
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from list" -l status -d 'nháp/draft, đã gửi/submitted, đã duyệt/approved, trả lại/returned' -r
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from list" -l under -r
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from list" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from list" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from list" -l json -d 'JSON for scripts (times in RFC 3339)'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from list" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from completeness" -l period -r
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from completeness" -l under -r
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from completeness" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from completeness" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from completeness" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from completeness" -l json -d 'JSON for scripts'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from completeness" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from completeness" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set values on a draft or returned report (created if missing); IND= clears a value'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one report with every indicator that applies'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "submit" -d 'Send a report up for approval'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Approve a submitted report; it is then locked'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "return" -d 'Return a submitted report with a reason'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "withdraw" -d 'Take back a report you submitted, before it is approved, to correct it'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "reopen" -d 'Open an approved report again for a correction (the level above), with a reason'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "list" -d 'List reports'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "completeness" -d 'Submitted out of expected for a period, with the units still missing'
complete -c antq -n "__fish_antq_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -f -a "set" -d 'Set a yearly assessment (created if missing)'
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -f -a "submit"
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -f -a "approve"
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -f -a "return"
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -f -a "withdraw" -d 'Take back an assessment you submitted, before it is approved'
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -f -a "reopen" -d 'Open an approved assessment again for a correction (the level above), with a reason'
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -f -a "list" -d 'List assessments with score, level and An toàn result'
complete -c antq -n "__fish_antq_using_subcommand assess; and not __fish_seen_subcommand_from set submit approve return withdraw reopen list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l score -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l safety -d 'đạt, chưa đạt, or not assessed' -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l grade -d 'Fix the level regardless of the score: xuất sắc, khá, trung bình, yếu' -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l reason -d 'Why --grade differs from the level the score gives (required then)' -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l notes -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l decision -d 'Decision number, e.g. 123/QĐ-BCĐ' -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l decision-date -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l issuer -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from submit" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from submit" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from submit" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from submit" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from submit" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from approve" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from approve" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from approve" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from approve" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from return" -l reason -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from return" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from return" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from return" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from return" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from return" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from withdraw" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from withdraw" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from withdraw" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from withdraw" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from withdraw" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from reopen" -l reason -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from reopen" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from reopen" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from reopen" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from reopen" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from reopen" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from list" -l year -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from list" -l under -r
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from list" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from list" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from list" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a yearly assessment (created if missing)'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from help" -f -a "submit"
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from help" -f -a "approve"
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from help" -f -a "return"
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from help" -f -a "withdraw" -d 'Take back an assessment you submitted, before it is approved'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from help" -f -a "reopen" -d 'Open an approved assessment again for a correction (the level above), with a reason'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from help" -f -a "list" -d 'List assessments with score, level and An toàn result'
complete -c antq -n "__fish_antq_using_subcommand assess; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and not __fish_seen_subcommand_from select status list help" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand exemplar; and not __fish_seen_subcommand_from select status list help" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand exemplar; and not __fish_seen_subcommand_from select status list help" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand exemplar; and not __fish_seen_subcommand_from select status list help" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and not __fish_seen_subcommand_from select status list help" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and not __fish_seen_subcommand_from select status list help" -f -a "select" -d 'Choose a unit rated Xuất sắc last year as this year\'s exemplar (adds a follow-up task)'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and not __fish_seen_subcommand_from select status list help" -f -a "status" -d 'Record the outcome: đang xây dựng, đạt, không đạt'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and not __fish_seen_subcommand_from select status list help" -f -a "list"
complete -c antq -n "__fish_antq_using_subcommand exemplar; and not __fish_seen_subcommand_from select status list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from select" -l decision -d 'Decision number, e.g. 123/QĐ-BCĐ' -r
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from select" -l decision-date -r
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from select" -l issuer -r
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from select" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from select" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from select" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from select" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from select" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from status" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from status" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from status" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from status" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from list" -l year -r
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from list" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from list" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from list" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from help" -f -a "select" -d 'Choose a unit rated Xuất sắc last year as this year\'s exemplar (adds a follow-up task)'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from help" -f -a "status" -d 'Record the outcome: đang xây dựng, đạt, không đạt'
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from help" -f -a "list"
complete -c antq -n "__fish_antq_using_subcommand exemplar; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -f -a "add" -d 'Add a follow-up task'
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -f -a "edit" -d 'Change an open task: title, lead unit, due date, priority, coordinating units, source (any --source option replaces the whole source), details'
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -f -a "handover" -d 'Hand an open task of an ended unit over to the unit it continued into'
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -f -a "log" -d 'Add a progress note'
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -f -a "done" -d 'Mark a task done'
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -f -a "cancel" -d 'Cancel a task with a reason'
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -f -a "show" -d 'Show one task with its progress log'
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -f -a "list" -d 'List tasks by due date; open tasks unless --all or --status'
complete -c antq -n "__fish_antq_using_subcommand task; and not __fish_seen_subcommand_from add edit handover log done cancel show list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l title -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l unit -d 'Lead unit' -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l due -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l source -d 'The directive it comes from (summary)' -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l source-number -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l source-date -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l source-issuer -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l with -d 'Coordinating units, comma-separated' -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l priority -d 'thấp/low, thường/normal, cao/high' -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l details -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l title -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l unit -d 'Lead unit' -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l due -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l with -d 'Coordinating units, comma-separated; an empty value removes them all' -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l priority -d 'thấp/low, thường/normal, cao/high' -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l details -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l source -d 'The directive it comes from (summary)' -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l source-number -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l source-date -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l source-issuer -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l no-source -d 'Remove the source directive'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from handover" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from handover" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from handover" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from handover" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from handover" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from log" -l percent -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from log" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from log" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from log" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from log" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from done" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from done" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from done" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from done" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from done" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from cancel" -l reason -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from cancel" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from cancel" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from cancel" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from cancel" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from show" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from show" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from show" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from list" -l under -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from list" -l status -r
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from list" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from list" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from list" -l overdue
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from list" -l all
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from list" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a follow-up task'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change an open task: title, lead unit, due date, priority, coordinating units, source (any --source option replaces the whole source), details'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "handover" -d 'Hand an open task of an ended unit over to the unit it continued into'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "log" -d 'Add a progress note'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "done" -d 'Mark a task done'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel a task with a reason'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one task with its progress log'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tasks by due date; open tasks unless --all or --status'
complete -c antq -n "__fish_antq_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand export" -l format -d 'The file\'s format; without it, -o\'s extension says (.xlsx, .json), else csv' -r -f -a "csv\t''
json\t''
xlsx\t'An Excel workbook: header frozen, codes as text, dates as date cells'"
complete -c antq -n "__fish_antq_using_subcommand export" -l delimiter -d 'Field separator for CSV, e.g. \';\' for Excel set to Vietnamese regional format' -r
complete -c antq -n "__fish_antq_using_subcommand export" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c antq -n "__fish_antq_using_subcommand export" -l period -d 'Reports of this period only (2024-03, 2024-Q1, 2024-H1, 2024)' -r
complete -c antq -n "__fish_antq_using_subcommand export" -l under -d 'Reports of this unit and everything below it' -r
complete -c antq -n "__fish_antq_using_subcommand export" -l status -d 'Reports in this state (draft, submitted, approved, returned)' -r
complete -c antq -n "__fish_antq_using_subcommand export" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand export" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand export" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand export" -l excel -d 'For a double-click in Excel or LibreOffice: a BOM, DD/MM/YYYY dates, codes kept as text'
complete -c antq -n "__fish_antq_using_subcommand export" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c antq -n "__fish_antq_using_subcommand import" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand import" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand import" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand import" -l dry-run -d 'Check the file and say what would change, without writing'
complete -c antq -n "__fish_antq_using_subcommand import" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c antq -n "__fish_antq_using_subcommand bundle; and not __fish_seen_subcommand_from export import conflicts resolve help" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and not __fish_seen_subcommand_from export import conflicts resolve help" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand bundle; and not __fish_seen_subcommand_from export import conflicts resolve help" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and not __fish_seen_subcommand_from export import conflicts resolve help" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand bundle; and not __fish_seen_subcommand_from export import conflicts resolve help" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand bundle; and not __fish_seen_subcommand_from export import conflicts resolve help" -f -a "export" -d 'Write what changed under a unit since a date into one file'
complete -c antq -n "__fish_antq_using_subcommand bundle; and not __fish_seen_subcommand_from export import conflicts resolve help" -f -a "import" -d 'Apply a bundle; records changed here too are kept side by side as conflicts'
complete -c antq -n "__fish_antq_using_subcommand bundle; and not __fish_seen_subcommand_from export import conflicts resolve help" -f -a "conflicts" -d 'List the conflicts left by bundle imports'
complete -c antq -n "__fish_antq_using_subcommand bundle; and not __fish_seen_subcommand_from export import conflicts resolve help" -f -a "resolve" -d 'Settle a conflict by keeping the local or the incoming version'
complete -c antq -n "__fish_antq_using_subcommand bundle; and not __fish_seen_subcommand_from export import conflicts resolve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from export" -l under -r
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from export" -l since -d 'First day of changes to include (YYYY-MM-DD or DD/MM/YYYY)' -r
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from export" -s o -l output -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from export" -l key -d 'The office\'s private key file, from \'antq office keygen\'' -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from export" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from export" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from export" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from export" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from import" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from import" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from import" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from import" -l dry-run
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from import" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from conflicts" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from conflicts" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from conflicts" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from conflicts" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from conflicts" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from resolve" -l keep -r -f -a "local\t''
incoming\t''"
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from resolve" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from resolve" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from resolve" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from resolve" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from resolve" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write what changed under a unit since a date into one file'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "import" -d 'Apply a bundle; records changed here too are kept side by side as conflicts'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "conflicts" -d 'List the conflicts left by bundle imports'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "resolve" -d 'Settle a conflict by keeping the local or the incoming version'
complete -c antq -n "__fish_antq_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand office; and not __fish_seen_subcommand_from keygen add list remove help" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand office; and not __fish_seen_subcommand_from keygen add list remove help" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand office; and not __fish_seen_subcommand_from keygen add list remove help" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand office; and not __fish_seen_subcommand_from keygen add list remove help" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand office; and not __fish_seen_subcommand_from keygen add list remove help" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand office; and not __fish_seen_subcommand_from keygen add list remove help" -f -a "keygen" -d 'At the office: make its signing key (kept in FILE, private) and print the public half'
complete -c antq -n "__fish_antq_using_subcommand office; and not __fish_seen_subcommand_from keygen add list remove help" -f -a "add" -d 'At the province: accept bundles signed with KEY for UNIT\'s subtree'
complete -c antq -n "__fish_antq_using_subcommand office; and not __fish_seen_subcommand_from keygen add list remove help" -f -a "list" -d 'The registered offices and their keys'
complete -c antq -n "__fish_antq_using_subcommand office; and not __fish_seen_subcommand_from keygen add list remove help" -f -a "remove" -d 'Stop accepting bundles from the office of UNIT'
complete -c antq -n "__fish_antq_using_subcommand office; and not __fish_seen_subcommand_from keygen add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from keygen" -l unit -d 'The unit the office answers for, e.g. 936' -r
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from keygen" -s o -l output -r -F
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from keygen" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from keygen" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from keygen" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from keygen" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from keygen" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from add" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from add" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from add" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from add" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from list" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from list" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from list" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from remove" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from remove" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from remove" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from remove" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from help" -f -a "keygen" -d 'At the office: make its signing key (kept in FILE, private) and print the public half'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from help" -f -a "add" -d 'At the province: accept bundles signed with KEY for UNIT\'s subtree'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from help" -f -a "list" -d 'The registered offices and their keys'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Stop accepting bundles from the office of UNIT'
complete -c antq -n "__fish_antq_using_subcommand office; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand backup" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand backup" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand backup" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand backup" -l raw -d 'Copy the store\'s files into the new folder FILE instead: restores at disk speed, but only into the same antq version (not through a server)'
complete -c antq -n "__fish_antq_using_subcommand backup" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand backup" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand summary" -l period -d '2024-03, 2024-Q1, 2024-H1 or 2024' -r
complete -c antq -n "__fish_antq_using_subcommand summary" -l under -r
complete -c antq -n "__fish_antq_using_subcommand summary" -l format -r -f -a "text\t''
csv\t''
json\t'The CSV\'s columns as JSON objects, counts and figures as numbers'"
complete -c antq -n "__fish_antq_using_subcommand summary" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand summary" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand summary" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand summary" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand summary" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c antq -n "__fish_antq_using_subcommand audit" -l entity -d 'Only entries for one entity, e.g. unit/31338 or report/31338/2024-03' -r
complete -c antq -n "__fish_antq_using_subcommand audit" -l limit -r
complete -c antq -n "__fish_antq_using_subcommand audit" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand audit" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand audit" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand audit" -l json -d 'JSON for scripts (times in RFC 3339)'
complete -c antq -n "__fish_antq_using_subcommand audit" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand audit" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand check" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand check" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand check" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand check" -l json -d 'JSON for scripts: the counts and every problem'
complete -c antq -n "__fish_antq_using_subcommand check" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand check" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand gen" -l units -r
complete -c antq -n "__fish_antq_using_subcommand gen" -l reports -r
complete -c antq -n "__fish_antq_using_subcommand gen" -l tasks -r
complete -c antq -n "__fish_antq_using_subcommand gen" -l seed -r
complete -c antq -n "__fish_antq_using_subcommand gen" -l db -d 'Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]' -r -F
complete -c antq -n "__fish_antq_using_subcommand gen" -l lang -d 'Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]' -r -f -a "vi\t''
en\t''"
complete -c antq -n "__fish_antq_using_subcommand gen" -l connect -d 'Talk to an `antq serve` on this socket instead of opening the store' -r -F
complete -c antq -n "__fish_antq_using_subcommand gen" -l ascii -d 'ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts'
complete -c antq -n "__fish_antq_using_subcommand gen" -s h -l help -d 'Print help'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "serve" -d 'Run the server: own the store and serve clients on a Unix socket (foreground)'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "restore" -d 'Load a backup (a file, or a raw backup\'s folder) into a new, empty store (--db), then check it'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "compact" -d 'Rewrite the store into fresh files that hold only its live data, so it takes less disk and opens faster (not while antq serve holds it)'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "completions" -d 'Print shell completions (bash, zsh or fish) to stdout'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "man" -d 'Print the manual page (roff) to stdout, in the chosen language'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "init" -d 'Create the store (and optionally load the Hậu Giang sample)'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "units" -d 'Administrative units and participants'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "indicators" -d 'The indicator catalogue'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "user" -d 'Operator accounts: OS user name → role and unit'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "settings" -d 'Classification cut-offs and report deadlines'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "report" -d 'Periodic indicator reports'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "assess" -d 'Yearly assessments (An toàn, classification)'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "exemplar" -d 'Exemplars (điển hình)'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "task" -d 'Follow-up tasks from directives'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "export" -d 'Write records as CSV, JSON or an Excel workbook (to stdout, or to a file with -o)'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "import" -d 'Read units, reports, assessments or tasks from a CSV file; every row is checked first and nothing is written if any row is wrong'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "bundle" -d 'Offline bundles: carry a district\'s changes to the province as one small file'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "office" -d 'Offices whose signed bundles this store accepts, and their keys'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "backup" -d 'Write a consistent snapshot of the whole store to FILE (works while others write)'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "summary" -d 'Indicator totals and completeness for a subtree, rolled up the tree and through merges'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "audit" -d 'Show the audit trail, newest first'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "check" -d 'Verify that every record decodes and every index agrees with its records'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "gen" -d 'Generate deterministic synthetic data (for benchmarks and trials)'
complete -c antq -n "__fish_antq_using_subcommand help; and not __fish_seen_subcommand_from serve restore compact completions man init units indicators user settings report assess exemplar task export import bundle office backup summary audit check gen help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from units" -f -a "list" -d 'List units in tree order'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from units" -f -a "show" -d 'Show the unit holding a code (today, or --on DATE): its dated names and parents, predecessors and successors'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from units" -f -a "add" -d 'Add a unit'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from units" -f -a "edit" -d 'Change a unit\'s name, kind, parent or notes'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from units" -f -a "retire" -d 'Retire a unit: its last day is --on (default today)'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from units" -f -a "unretire" -d 'Undo a retirement entered by mistake (admin)'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from units" -f -a "unmerge" -d 'Undo a merge entered by mistake, while the successor has nothing recorded since (admin)'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from units" -f -a "merge" -d 'Merge units into a successor from a date; history stays with the old units'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from units" -f -a "delete" -d 'Delete a unit that has no reports, tasks, assessments or units below it'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from indicators" -f -a "list" -d 'List the catalogue'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from indicators" -f -a "set" -d 'Add an indicator or change one; omitted options keep their current values'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "add" -d 'Add an account or change one'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list"
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "remove"
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "show" -d 'Show the classification cut-offs and report deadlines'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "set" -d 'Change cut-offs (e.g. 90/70/50) or deadlines (days after a period ends)'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "set" -d 'Set values on a draft or returned report (created if missing); IND= clears a value'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "show" -d 'Show one report with every indicator that applies'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "submit" -d 'Send a report up for approval'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "approve" -d 'Approve a submitted report; it is then locked'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "return" -d 'Return a submitted report with a reason'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "withdraw" -d 'Take back a report you submitted, before it is approved, to correct it'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "reopen" -d 'Open an approved report again for a correction (the level above), with a reason'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "list" -d 'List reports'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "completeness" -d 'Submitted out of expected for a period, with the units still missing'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from assess" -f -a "set" -d 'Set a yearly assessment (created if missing)'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from assess" -f -a "submit"
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from assess" -f -a "approve"
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from assess" -f -a "return"
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from assess" -f -a "withdraw" -d 'Take back an assessment you submitted, before it is approved'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from assess" -f -a "reopen" -d 'Open an approved assessment again for a correction (the level above), with a reason'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from assess" -f -a "list" -d 'List assessments with score, level and An toàn result'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from exemplar" -f -a "select" -d 'Choose a unit rated Xuất sắc last year as this year\'s exemplar (adds a follow-up task)'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from exemplar" -f -a "status" -d 'Record the outcome: đang xây dựng, đạt, không đạt'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from exemplar" -f -a "list"
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "add" -d 'Add a follow-up task'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "edit" -d 'Change an open task: title, lead unit, due date, priority, coordinating units, source (any --source option replaces the whole source), details'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "handover" -d 'Hand an open task of an ended unit over to the unit it continued into'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "log" -d 'Add a progress note'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "done" -d 'Mark a task done'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "cancel" -d 'Cancel a task with a reason'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "show" -d 'Show one task with its progress log'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "list" -d 'List tasks by due date; open tasks unless --all or --status'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from bundle" -f -a "export" -d 'Write what changed under a unit since a date into one file'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from bundle" -f -a "import" -d 'Apply a bundle; records changed here too are kept side by side as conflicts'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from bundle" -f -a "conflicts" -d 'List the conflicts left by bundle imports'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from bundle" -f -a "resolve" -d 'Settle a conflict by keeping the local or the incoming version'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from office" -f -a "keygen" -d 'At the office: make its signing key (kept in FILE, private) and print the public half'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from office" -f -a "add" -d 'At the province: accept bundles signed with KEY for UNIT\'s subtree'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from office" -f -a "list" -d 'The registered offices and their keys'
complete -c antq -n "__fish_antq_using_subcommand help; and __fish_seen_subcommand_from office" -f -a "remove" -d 'Stop accepting bundles from the office of UNIT'
