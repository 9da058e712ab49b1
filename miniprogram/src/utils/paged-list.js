import { reactive } from 'vue'
import { api } from '../api/http'

/**
 * A paged list of the API (PagedList: items, total, page, pageSize) for a page that shows it with loading, empty,
 * error and "加载更多" states. params() gives the current filters; reload() starts again at page 1.
 */
export function pagedList(path, params = () => ({}), pageSize = 20) {
  const list = reactive({ items: [], total: 0, page: 0, loading: false, error: '', loaded: false })
  let generation = 0

  async function fetchPage(page) {
    const mine = ++generation
    list.loading = true
    list.error = ''
    try {
      const result = await api.get(typeof path === 'function' ? path() : path, { ...params(), page, pageSize })
      // A newer search started meanwhile: its answer wins.
      if (mine !== generation) return
      list.items = page === 1 ? result.items : list.items.concat(result.items)
      list.total = result.total
      list.page = page
      list.loaded = true
    } catch (error) {
      if (mine === generation) list.error = error.message
    } finally {
      if (mine === generation) list.loading = false
    }
  }

  list.reload = () => fetchPage(1)
  list.more = () => !list.loading && list.items.length < list.total && fetchPage(list.page + 1)
  /** wd-loadmore's state: loading, finished, error, or nothing while more can be asked for. */
  list.state = () => (list.loading ? 'loading' : list.error ? 'error' : list.items.length >= list.total ? 'finished' : '')
  return list
}
